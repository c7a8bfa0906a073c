package dev.gpt1spark.train;

import dev.gpt1spark.settings.SettingValues;

/**
 * The optimisation recipe shared by fine-tuning and pre-training; its settings and their defaults
 * (GPT-1's recipe) are {@link TrainingSettings}'.
 *
 * @param learningRate peak learning rate of Adam
 * @param epochs passes over the training examples
 * @param batchSize examples per optimiser step
 * @param warmupFraction share of all steps over which the rate rises linearly from 0 (then it falls
 *     linearly to 0 at the last step)
 * @param weightDecay decoupled weight decay (AdamW) of every matrix; vectors (biases, LayerNorm
 *     gains and shifts) are not decayed, as in GPT-1's code
 * @param dropout dropout rate on embeddings, attention and residual branches while training
 * @param lmWeight weight of the auxiliary language-model loss when fine-tuning (0 turns it off)
 * @param validationFraction share of the examples held out for validation (seeded)
 * @param seed seeds the split, the shuffling, new weights and dropout
 */
public record TrainingOptions(
        double learningRate,
        int epochs,
        int batchSize,
        double warmupFraction,
        double weightDecay,
        float dropout,
        double lmWeight,
        double validationFraction,
        long seed) {

    /** Checks each value against its setting ({@link TrainingSettings}, {@code lm-weight}). */
    public TrainingOptions {
        TrainingSettings.LR.check(learningRate);
        TrainingSettings.EPOCHS.check(epochs);
        TrainingSettings.BATCH_SIZE.check(batchSize);
        TrainingSettings.WARMUP.check(warmupFraction);
        TrainingSettings.WEIGHT_DECAY.check(weightDecay);
        TrainingSettings.DROPOUT.check(dropout);
        FinetuneSettings.LM_WEIGHT.check(lmWeight);
        TrainingSettings.VALIDATION_FRACTION.check(validationFraction);
    }

    /**
     * The recipe of a command's checked settings.
     *
     * @param values the command's settings, which include the recipe's
     * @param learningRate the peak rate, which each command defaults its own way
     * @param lmWeight the language-model loss weight; 0 for pre-training, whose whole loss it is
     */
    public static TrainingOptions of(SettingValues values, double learningRate, double lmWeight) {
        return new TrainingOptions(
                learningRate,
                values.get(TrainingSettings.EPOCHS),
                values.get(TrainingSettings.BATCH_SIZE),
                values.get(TrainingSettings.WARMUP),
                values.get(TrainingSettings.WEIGHT_DECAY),
                values.get(TrainingSettings.DROPOUT),
                lmWeight,
                values.get(TrainingSettings.VALIDATION_FRACTION),
                values.get(TrainingSettings.SEED));
    }
}
