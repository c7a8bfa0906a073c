package dev.gpt1spark.task;

import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.inference.MicroBatches;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.Settings;
import java.util.List;

/**
 * The settings of the per-document commands, each declared once. The command line ({@code
 * --window-stride}), job files ({@code window-stride = 64}), the Spark ML stages ({@code
 * setWindowStride}) and run summaries ({@code window_stride}) all derive from these lines; see
 * docs/settings.md for how to add one.
 */
public final class TaskSettings {
    private TaskSettings() {}

    // Every command.

    /** Documents read and handed to the task together. */
    public static final Setting<Integer> BATCH_DOCS =
            Setting.integer("batch-docs", 256, "Documents read and processed together.")
                    .must(">= 1", n -> n >= 1);

    /**
     * Token budget of one micro-batch; small for forward passes, whose activations stay in cache.
     */
    public static final Setting<Integer> BATCH_TOKENS =
            Setting.integer(
                            "batch-tokens",
                            MicroBatches.FORWARD_BATCH_TOKENS,
                            "Token budget of one batch, rows × longest row.")
                    .must(">= 1", n -> n >= 1);

    /** The number type the model computes in; declared with the type, which names it in errors. */
    public static final Setting<String> PRECISION = Precision.SETTING;

    // embed and score

    /** How token states become one vector. */
    public static final Setting<String> POOLING =
            Setting.choice(
                    "pooling",
                    "mean",
                    "How token states become one vector.",
                    "mean",
                    "last",
                    "max");

    /** Scale each embedding to unit L2 norm. */
    public static final Setting<Boolean> NORMALIZE =
            Setting.flag("normalize", "Scale each embedding to unit L2 norm.");

    /** Documents longer than n_positions: keep the first n_positions tokens, or pool windows. */
    public static final Setting<String> LONG_INPUT =
            Setting.choice(
                    "long-input",
                    "truncate",
                    "Documents longer than n_positions: keep the first n_positions tokens, or"
                            + " split into windows and pool them.",
                    "truncate",
                    "window");

    /** Tokens between window starts; 0 stands for n_positions / 2. */
    public static final Setting<Integer> WINDOW_STRIDE =
            Setting.integer(
                            "window-stride",
                            0,
                            "Tokens between window starts of documents longer than n_positions;"
                                    + " 0 for n_positions / 2.")
                    .must(">= 0", n -> n >= 0)
                    .defaultDoc("n_positions / 2");

    // generate

    /** Tokens to generate at most; below n_positions, checked against the model on the driver. */
    public static final Setting<Integer> MAX_NEW_TOKENS =
            Setting.integer("max-new-tokens", 32, "Tokens to generate at most.")
                    .must(">= 1", n -> n >= 1);

    /** Most probable token, or a sample. */
    public static final Setting<String> STRATEGY =
            Setting.choice(
                    "strategy", "greedy", "Most probable token, or a sample.", "greedy", "sample");

    /** Sampling temperature. */
    public static final Setting<Float> TEMPERATURE =
            Setting.decimal("temperature", 1f, "Sampling temperature.")
                    .must("> 0", t -> t > 0)
                    .label("T");

    /** Sample among the K most probable tokens. */
    public static final Setting<Integer> TOP_K =
            Setting.integer("top-k", 0, "Sample among the K most probable tokens; 0 for all.")
                    .must(">= 0", k -> k >= 0)
                    .label("K");

    /** Nucleus sampling threshold. */
    public static final Setting<Float> TOP_P =
            Setting.decimal(
                            "top-p",
                            1f,
                            "Nucleus sampling: the most probable tokens up to cumulative"
                                    + " probability P; 1 for all.")
                    .must("in (0, 1]", p -> p > 0 && p <= 1)
                    .label("P");

    /**
     * Global seed; a document's stream derives from it and the document's id, not the partition.
     */
    public static final Setting<Long> SEED =
            Setting.longInteger(
                    "seed",
                    0L,
                    "Global seed; each document samples from a stream derived from it and the"
                            + " document id.");

    /** Several continuations per prompt, each an output row with its sample_index. */
    public static final Setting<Integer> NUM_RETURN_SEQUENCES =
            Setting.integer(
                            "num-return-sequences",
                            1,
                            "Continuations per prompt, each an output row with its sample_index"
                                    + " (0 to N - 1) and its own random stream; above 1 needs"
                                    + " sampling.")
                    .must(">= 1", n -> n >= 1)
                    .label("N");

    /** CTRL-style penalty on tokens already in the prompt or continuation. */
    public static final Setting<Float> REPETITION_PENALTY =
            Setting.decimal(
                            "repetition-penalty",
                            1f,
                            "Penalise tokens already in the prompt or continuation; 1 is off.")
                    .must("> 0", r -> r > 0)
                    .label("R");

    /** Strings that end a continuation; an empty one would end every continuation at once. */
    public static final Setting<List<String>> STOP =
            Setting.strings(
                            "stop",
                            "End a continuation at this string, which is not included"
                                    + " (repeatable).")
                    .must("non-empty strings", s -> s.stream().noneMatch(String::isEmpty));

    /** GPT-1 has no end-of-text token, so stop strings are the only early end this delays. */
    public static final Setting<Integer> MIN_NEW_TOKENS =
            Setting.integer(
                            "min-new-tokens",
                            0,
                            "A stop string ends a continuation only after this many new tokens.")
                    .must(">= 0", n -> n >= 0)
                    .label("N");

    /** Hugging Face's no_repeat_ngram_size. */
    public static final Setting<Integer> NO_REPEAT_NGRAM_SIZE =
            Setting.integer(
                            "no-repeat-ngram-size",
                            0,
                            "No n-gram of N tokens occurs twice in prompt + continuation; 0 is"
                                    + " off.")
                    .must(">= 0", n -> n >= 0)
                    .label("N");

    /** Log-probabilities under the model, before temperature, penalties and n-gram blocking. */
    public static final Setting<Boolean> LOGPROBS =
            Setting.flag(
                    "logprobs",
                    "Also write each new token's log-probability under the model"
                            + " (token_logprobs) and their sum (cumulative_logprob).");

    // generate: per-row values from input columns (see RowSettings); "" for none

    /** Each row's max-new-tokens from this column. */
    public static final Setting<String> MAX_NEW_TOKENS_COL =
            rowColumn("max-new-tokens-col", "max-new-tokens", "below the model's n_positions");

    /** Each row's temperature from this column. */
    public static final Setting<String> TEMPERATURE_COL =
            rowColumn("temperature-col", "temperature", "> 0");

    /** Each row's top-p from this column. */
    public static final Setting<String> TOP_P_COL = rowColumn("top-p-col", "top-p", "in (0, 1]");

    /** Each row's seed from this column: its samples depend on it and the row's id. */
    public static final Setting<String> SEED_COL = rowColumn("seed-col", "seed", "a whole number");

    /** Generation's budget is large: each decode step reads every weight once per batch. */
    public static final Setting<Integer> GENERATE_BATCH_TOKENS =
            BATCH_TOKENS.withDefault(GenerationOptions.BATCH_TOKENS);

    // classify

    /** Spark jobs: the column with each row's second text, for a checkpoint fine-tuned on pairs. */
    public static final Setting<String> TEXT2_COL =
            Setting.text(
                            "text2-col",
                            null,
                            "Spark jobs: column with each row's second text, for a checkpoint"
                                    + " fine-tuned on pairs (required there, refused otherwise;"
                                    + " not for text input). A row without it gets an error.")
                    .label("NAME");

    private static Setting<String> rowColumn(String key, String target, String rule) {
        return Setting.text(
                        key,
                        "",
                        "Input column with each row's "
                                + target
                                + " ("
                                + rule
                                + "); an empty cell keeps "
                                + target
                                + ", a bad value gives the row an error.")
                .label("COLUMN")
                .defaultDoc("none");
    }

    /** What every command takes besides its own settings. */
    public static final Settings RUN = Settings.of(BATCH_DOCS, BATCH_TOKENS);
}
