package dev.gpt1spark.train;

import dev.gpt1spark.settings.Setting;

/**
 * The optimisation recipe shared by pre-training and fine-tuning ({@link TrainingOptions}): one
 * declaration per option, named by the recipe's messages; the command line takes them as options
 * ({@code cli/PretrainCommand}, {@code cli/FinetuneCommand}).
 */
public final class TrainingSettings {
    private TrainingSettings() {}

    /** Peak learning rate of Adam; each command declares its own default. */
    public static final Setting<Double> LR =
            Setting.real("lr", null, "Peak learning rate of Adam")
                    .must("positive", r -> r > 0)
                    .label("RATE");

    /** Passes over the training data. */
    public static final Setting<Integer> EPOCHS =
            Setting.integer("epochs", 3, "Passes over the training data")
                    .must("at least 1", n -> n >= 1);

    /** Examples per optimiser step. */
    public static final Setting<Integer> BATCH_SIZE =
            Setting.integer("batch-size", 32, "Sequences per optimiser step")
                    .must("at least 1", n -> n >= 1);

    /** Share of all steps over which the rate rises linearly from 0, before it falls to 0. */
    public static final Setting<Double> WARMUP =
            Setting.real(
                            "warmup",
                            0.002,
                            "Share of all steps with a linear warm-up from 0 (GPT-1's: 0.2%); then"
                                    + " linear decay to 0")
                    .must("in [0, 1)", f -> f >= 0 && f < 1)
                    .label("FRACTION");

    /** Decoupled weight decay (AdamW) of every matrix; vectors are not decayed. */
    public static final Setting<Double> WEIGHT_DECAY =
            Setting.real(
                            "weight-decay",
                            0.01,
                            "Decoupled weight decay (AdamW) of the weight matrices; biases and"
                                    + " LayerNorm parameters are not decayed")
                    .must(">= 0", w -> w >= 0)
                    .label("W");

    /** Dropout rate while training. */
    public static final Setting<Float> DROPOUT =
            Setting.decimal(
                            "dropout",
                            0.1f,
                            "Dropout on embeddings, attention, residual branches and the head's"
                                    + " input, while training only")
                    .must("in [0, 1)", p -> p >= 0 && p < 1)
                    .label("P");

    /** Share of the examples held out for validation (seeded). */
    public static final Setting<Double> VALIDATION_FRACTION =
            Setting.real("validation-fraction", 0.1, "Share of the data held out for validation")
                    .must("in [0, 1)", f -> f >= 0 && f < 1)
                    .label("F");

    /** Seeds the split, the shuffling, new weights and dropout. */
    public static final Setting<Long> SEED =
            Setting.longInteger(
                    "seed", 42, "Seeds the split, the shuffling, new weights and dropout");
}
