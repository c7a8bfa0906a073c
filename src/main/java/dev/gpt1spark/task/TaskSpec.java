package dev.gpt1spark.task;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.SettingValues;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a job does to each document: a command and the values of its settings, as a small
 * serialisable value. The driver builds it (from command-line options, a job file or ML params) and
 * checks it against the model; the executors build the {@link DocumentTask} next to their model.
 *
 * <pre>{@code
 * TaskSpec spec = TaskSpec.of(TaskKind.SCORE).with(TaskSettings.WINDOW_STRIDE, 64);
 * }</pre>
 *
 * @param kind the command
 * @param values a valid value for each of {@code kind.settings()}
 */
public record TaskSpec(TaskKind kind, SettingValues values) implements Serializable {

    /** The command with every setting at its declared default. */
    public static TaskSpec of(TaskKind kind) {
        return new TaskSpec(kind, kind.settings().defaults());
    }

    /**
     * The command with the given values (by key), the rest at their defaults.
     *
     * @throws SettingException for a key the command does not have or a value its setting refuses
     */
    public static TaskSpec of(TaskKind kind, Map<String, ?> given) {
        return new TaskSpec(kind, kind.settings().resolve(given));
    }

    /** A copy with one setting changed (and checked). */
    public <T> TaskSpec with(Setting<T> setting, T value) {
        return new TaskSpec(kind, values.with(setting, value));
    }

    /** The value of one of the command's settings. */
    public <T> T get(Setting<T> setting) {
        return values.get(setting);
    }

    /** The command name: tokenize, embed, score, generate or classify. */
    public String command() {
        return kind.label();
    }

    /** The command's output fields (without id and error). */
    public List<OutputField> fields() {
        return kind.fields();
    }

    /**
     * Output rows per input row (generate's num-return-sequences, else 1). The runners repeat each
     * row this many times, numbering the copies 0, 1, … in {@code sample_index}, so the task still
     * gives one result per document it is handed.
     */
    public int samplesPerRow() {
        return kind.samplesPerRow(values);
    }

    /**
     * The input columns that give each row its own value of a setting (generate's {@code *-col}):
     * setting key → column name, in declaration order; empty when none is set. The runners read
     * these cells into {@link Document#rowValues()}.
     */
    public Map<String, String> rowColumns() {
        return kind.rowColumns(values);
    }

    /** Whether the output has a {@code sample_index} column (generate's, even with one sample). */
    public boolean indexesSamples() {
        return kind.indexesSamples();
    }

    /** Whether the task runs the model (tokenize does not need one). */
    public boolean needsModel() {
        return kind.needsModel();
    }

    /**
     * Checks the settings against the model before any work, so that a job fails on the driver with
     * one clear message instead of in every task. Every model-dependent check is here.
     *
     * @throws SettingException naming the setting that cannot work with this model
     * @throws IllegalArgumentException when the model cannot run the command at all
     */
    public void check(ModelConfig config) {
        kind.check(config, values);
    }

    /**
     * Checks, like {@link #check}, that rows have a second text exactly when the task reads one:
     * only {@code classify} does, with a checkpoint fine-tuned on pairs.
     *
     * @param text2Col the input column with each row's second text, or null when there is none
     * @throws SettingException naming {@link TaskSettings#TEXT2_COL} when it is given but not read,
     *     or needed but missing
     */
    public void checkText2(ModelConfig config, String text2Col) {
        Setting<String> text2 = TaskSettings.TEXT2_COL;
        if (kind != TaskKind.CLASSIFY) {
            if (text2Col != null) {
                throw new SettingException(
                        command() + " reads one text per row; ", text2, " is only for classify");
            }
            return;
        }
        if (config.readsPairs() && text2Col == null) {
            throw new SettingException(
                    "the checkpoint was fine-tuned on text pairs (task_input \"pair\"): set ",
                    text2,
                    " to the column with each row's second text");
        }
        if (!config.readsPairs() && text2Col != null) {
            throw new SettingException(
                    text2,
                    " needs a checkpoint fine-tuned on text pairs (task_input \"pair\"); this one"
                            + " classifies single texts: leave ",
                    text2,
                    " out");
        }
    }

    /**
     * Builds the task for one thread.
     *
     * @param model the executor's model; null only when {@link #needsModel()} is false and no
     *     checkpoint was given
     */
    public DocumentTask create(Gpt1Model model) {
        return kind.create(model, values);
    }

    /** The settings by summary key, for the run summary and to check a resumed run is the same. */
    public Map<String, Object> settings() {
        return values.summary();
    }
}
