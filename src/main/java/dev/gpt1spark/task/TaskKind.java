package dev.gpt1spark.task;

import static dev.gpt1spark.task.TaskSettings.BATCH_TOKENS;
import static dev.gpt1spark.task.TaskSettings.GENERATE_BATCH_TOKENS;
import static dev.gpt1spark.task.TaskSettings.LOGPROBS;
import static dev.gpt1spark.task.TaskSettings.LONG_INPUT;
import static dev.gpt1spark.task.TaskSettings.MAX_NEW_TOKENS;
import static dev.gpt1spark.task.TaskSettings.MAX_NEW_TOKENS_COL;
import static dev.gpt1spark.task.TaskSettings.MIN_NEW_TOKENS;
import static dev.gpt1spark.task.TaskSettings.NORMALIZE;
import static dev.gpt1spark.task.TaskSettings.NO_REPEAT_NGRAM_SIZE;
import static dev.gpt1spark.task.TaskSettings.NUM_RETURN_SEQUENCES;
import static dev.gpt1spark.task.TaskSettings.POOLING;
import static dev.gpt1spark.task.TaskSettings.REPETITION_PENALTY;
import static dev.gpt1spark.task.TaskSettings.SEED;
import static dev.gpt1spark.task.TaskSettings.SEED_COL;
import static dev.gpt1spark.task.TaskSettings.STOP;
import static dev.gpt1spark.task.TaskSettings.STRATEGY;
import static dev.gpt1spark.task.TaskSettings.TEMPERATURE;
import static dev.gpt1spark.task.TaskSettings.TEMPERATURE_COL;
import static dev.gpt1spark.task.TaskSettings.TOP_K;
import static dev.gpt1spark.task.TaskSettings.TOP_P;
import static dev.gpt1spark.task.TaskSettings.TOP_P_COL;
import static dev.gpt1spark.task.TaskSettings.WINDOW_STRIDE;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.Classifier;
import dev.gpt1spark.inference.EmbedOptions;
import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.inference.LongInput;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.SettingValues;
import dev.gpt1spark.settings.Settings;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The per-document commands: for each, its settings (in summary order), its output fields, the
 * checks of its settings against a model (run on the driver, before any work) and how a task is
 * built from the settings' values.
 */
public enum TaskKind {
    TOKENIZE(Settings.of(), TokenizeTask.FIELDS) {
        @Override
        public boolean needsModel() {
            return false;
        }

        @Override
        DocumentTask create(Gpt1Model model, SettingValues v) {
            return new TokenizeTask(model != null ? model.tokenizer() : BundledTokenizer.shared());
        }
    },

    EMBED(
            Settings.of(POOLING, NORMALIZE, LONG_INPUT, WINDOW_STRIDE, BATCH_TOKENS),
            EmbedTask.FIELDS) {
        @Override
        void check(ModelConfig config, SettingValues v) {
            if (LongInput.parse(v.get(LONG_INPUT)) == LongInput.WINDOW
                    && v.get(WINDOW_STRIDE) > config.nPositions()) {
                throw new SettingException(
                        WINDOW_STRIDE,
                        " "
                                + v.get(WINDOW_STRIDE)
                                + " exceeds the model's n_positions "
                                + config.nPositions());
            }
        }

        @Override
        DocumentTask create(Gpt1Model model, SettingValues v) {
            return new EmbedTask(
                    model,
                    new EmbedOptions(
                            Pooling.parse(v.get(POOLING)),
                            v.get(NORMALIZE),
                            LongInput.parse(v.get(LONG_INPUT)),
                            v.get(WINDOW_STRIDE),
                            v.get(BATCH_TOKENS)));
        }
    },

    SCORE(Settings.of(WINDOW_STRIDE, BATCH_TOKENS), ScoreTask.FIELDS) {
        @Override
        void check(ModelConfig config, SettingValues v) {
            // With a stride of n_positions a window's first token would have no context in it.
            if (v.get(WINDOW_STRIDE) >= config.nPositions() && config.nPositions() > 1) {
                throw new SettingException(
                        WINDOW_STRIDE,
                        " "
                                + v.get(WINDOW_STRIDE)
                                + " must be below the model's n_positions "
                                + config.nPositions());
            }
        }

        @Override
        DocumentTask create(Gpt1Model model, SettingValues v) {
            return new ScoreTask(model, v.get(WINDOW_STRIDE), v.get(BATCH_TOKENS));
        }
    },

    GENERATE(
            Settings.of(
                    MAX_NEW_TOKENS,
                    STRATEGY,
                    TEMPERATURE,
                    TOP_K,
                    TOP_P,
                    SEED,
                    NUM_RETURN_SEQUENCES,
                    REPETITION_PENALTY,
                    STOP,
                    MIN_NEW_TOKENS,
                    NO_REPEAT_NGRAM_SIZE,
                    LOGPROBS,
                    MAX_NEW_TOKENS_COL,
                    TEMPERATURE_COL,
                    TOP_P_COL,
                    SEED_COL,
                    GENERATE_BATCH_TOKENS),
            GenerateTask.FIELDS) {
        @Override
        void check(ModelConfig config, SettingValues v) {
            if (v.get(MAX_NEW_TOKENS) >= config.nPositions()) {
                throw new SettingException(
                        MAX_NEW_TOKENS,
                        " "
                                + v.get(MAX_NEW_TOKENS)
                                + " leaves no room for a prompt: it must be"
                                + " below the model's n_positions "
                                + config.nPositions());
            }
            if (v.get(MIN_NEW_TOKENS) > v.get(MAX_NEW_TOKENS)) {
                throw new SettingException(
                        MIN_NEW_TOKENS,
                        " " + v.get(MIN_NEW_TOKENS) + " must be at most ",
                        MAX_NEW_TOKENS,
                        " " + v.get(MAX_NEW_TOKENS));
            }
            checkSamples(v);
        }

        /** As Hugging Face: greedy decoding would return the same continuation N times. */
        private void checkSamples(SettingValues v) {
            int n = v.get(NUM_RETURN_SEQUENCES);
            if (n > 1 && !v.get(STRATEGY).equals("sample")) {
                throw new SettingException(
                        NUM_RETURN_SEQUENCES,
                        " " + n + " needs ",
                        STRATEGY,
                        " sample: greedy decoding returns the same continuation every time");
            }
        }

        @Override
        public int samplesPerRow(SettingValues v) {
            return v.get(NUM_RETURN_SEQUENCES);
        }

        @Override
        public Map<String, String> rowColumns(SettingValues v) {
            return RowSettings.columns(v);
        }

        @Override
        DocumentTask create(Gpt1Model model, SettingValues v) {
            return new GenerateTask(model, generationOptions(v), RowSettings.columns(v));
        }
    },

    CLASSIFY(Settings.of(BATCH_TOKENS), ClassifyTask.FIELDS) {
        @Override
        void check(ModelConfig config, SettingValues v) {
            if (!config.hasClassifier()) {
                throw new IllegalArgumentException(Classifier.NO_HEAD);
            }
        }

        @Override
        DocumentTask create(Gpt1Model model, SettingValues v) {
            return new ClassifyTask(model, v.get(BATCH_TOKENS));
        }
    };

    private final Settings settings;
    private final List<OutputField> fields;

    TaskKind(Settings settings, List<OutputField> fields) {
        this.settings = settings;
        this.fields = fields;
    }

    /** The settings the task reads, in the order summaries list them. */
    public Settings settings() {
        return settings;
    }

    /**
     * What the command takes besides the model and input: its own settings, then those of {@link
     * TaskSettings#RUN} it does not declare itself.
     */
    public Settings options() {
        Settings all = settings;
        for (var s : TaskSettings.RUN.list()) {
            if (all.find(s.key()).isEmpty()) {
                all = all.plus(s);
            }
        }
        return all;
    }

    /** The output fields, without the id and error columns every output has. */
    public List<OutputField> fields() {
        return fields;
    }

    /** Whether the task runs the model (tokenize does not need one). */
    public boolean needsModel() {
        return true;
    }

    /** The lower-case name, as typed on the command line and written in summaries. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Output rows per input row: each is one sample, with its {@code sample_index}; see {@link
     * TaskSpec#samplesPerRow}.
     */
    public int samplesPerRow(SettingValues values) {
        return 1;
    }

    /**
     * The input columns that give rows their own values of settings: setting key → column name
     * (generate's {@code *-col} settings); see {@link TaskSpec#rowColumns}.
     */
    public Map<String, String> rowColumns(SettingValues values) {
        return Map.of();
    }

    /** Whether the output has a {@code sample_index} column (generate's, even with one sample). */
    public boolean indexesSamples() {
        return this == GENERATE;
    }

    /** Checks settings against the model; see {@link TaskSpec#check}. */
    void check(ModelConfig config, SettingValues values) {}

    abstract DocumentTask create(Gpt1Model model, SettingValues values);

    static GenerationOptions generationOptions(SettingValues v) {
        return new GenerationOptions(
                        v.get(MAX_NEW_TOKENS),
                        v.get(STRATEGY).equals("sample"),
                        v.get(TEMPERATURE),
                        v.get(TOP_K),
                        v.get(TOP_P),
                        v.get(SEED),
                        v.get(REPETITION_PENALTY),
                        v.get(STOP),
                        v.get(GENERATE_BATCH_TOKENS),
                        true)
                .withControls(v.get(MIN_NEW_TOKENS), v.get(NO_REPEAT_NGRAM_SIZE), v.get(LOGPROBS));
    }
}
