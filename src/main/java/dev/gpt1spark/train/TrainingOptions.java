package dev.gpt1spark.train;

/**
 * The optimisation recipe shared by fine-tuning and pre-training; GPT-1's fine-tuning values are
 * {@link #GPT1_FINETUNE}.
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

    /** The paper's fine-tuning recipe (section 4.1). */
    public static final TrainingOptions GPT1_FINETUNE =
            new TrainingOptions(6.25e-5, 3, 32, 0.002, 0.01, 0.1f, 0.5, 0.1, 42);

    public TrainingOptions {
        require(learningRate > 0, "--lr must be positive, got " + learningRate);
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(
                warmupFraction >= 0 && warmupFraction < 1,
                "--warmup must be in [0, 1), got " + warmupFraction);
        require(weightDecay >= 0, "--weight-decay must be >= 0, got " + weightDecay);
        require(dropout >= 0 && dropout < 1, "--dropout must be in [0, 1), got " + dropout);
        require(lmWeight >= 0, "--lm-weight must be >= 0, got " + lmWeight);
        require(
                validationFraction >= 0 && validationFraction < 1,
                "--validation-fraction must be in [0, 1), got " + validationFraction);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
