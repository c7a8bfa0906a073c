package dev.gpt1spark.task;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.model.Gpt1Model;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a job does to each document, as a small serialisable value: the driver builds it from the
 * options and ships it to the executors, which build the {@link DocumentTask} next to their model.
 */
public interface TaskSpec extends Serializable {

    /** The command name: tokenize, embed, score, generate or classify. */
    String command();

    /** The command's output fields (without id and error). */
    List<OutputField> fields();

    /** Whether the task runs the model (tokenize does not need one). */
    default boolean needsModel() {
        return true;
    }

    /**
     * Checks the options against the model before any work, so that a job fails on the driver with
     * one clear message instead of in every task.
     *
     * @throws IllegalArgumentException when the task cannot run on this model
     */
    default void check(ModelConfig config) {}

    /**
     * Checks, like {@link #check}, that rows have a second text exactly when the task reads one:
     * only {@code classify} does, with a checkpoint fine-tuned on pairs.
     *
     * @param text2Col the input column with each row's second text, or null when there is none
     * @throws IllegalArgumentException naming {@code --text2-col} when it is given but not read, or
     *     needed but missing
     */
    default void checkText2(ModelConfig config, String text2Col) {
        if (text2Col != null) {
            throw new IllegalArgumentException(
                    command() + " reads one text per row; --text2-col is only for classify");
        }
    }

    /**
     * Builds the task for one thread.
     *
     * @param model the executor's model; null only when {@link #needsModel()} is false and no
     *     checkpoint was given
     */
    DocumentTask create(Gpt1Model model);

    /** The settings, for the run summary and for checking that a resumed run is the same job. */
    Map<String, Object> settings();
}
