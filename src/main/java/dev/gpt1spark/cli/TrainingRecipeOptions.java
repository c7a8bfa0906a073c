package dev.gpt1spark.cli;

import dev.gpt1spark.train.TrainingOptions;
import picocli.CommandLine.Option;

/** The optimisation options of finetune and pretrain; each command supplies its own lr default. */
final class TrainingRecipeOptions {
    @Option(
            names = "--lr",
            paramLabel = "RATE",
            description = "Peak learning rate of Adam (default: the command's, see above).")
    Double lr;

    @Option(
            names = "--epochs",
            defaultValue = "3",
            paramLabel = "N",
            description = "Passes over the training data (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch-size",
            defaultValue = "32",
            paramLabel = "N",
            description = "Sequences per optimiser step (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--warmup",
            defaultValue = "0.002",
            paramLabel = "FRACTION",
            description =
                    "Share of all steps with a linear warm-up from 0; then linear decay to 0"
                            + " (default: ${DEFAULT-VALUE}, GPT-1's 0.2%%).")
    double warmup;

    @Option(
            names = "--weight-decay",
            defaultValue = "0.01",
            paramLabel = "W",
            description =
                    "Decoupled weight decay (AdamW) of the weight matrices; biases and LayerNorm"
                            + " parameters are not decayed (default: ${DEFAULT-VALUE}).")
    double weightDecay;

    @Option(
            names = "--dropout",
            defaultValue = "0.1",
            paramLabel = "P",
            description =
                    "Dropout on embeddings, attention, residual branches and the head's input,"
                            + " while training only (default: ${DEFAULT-VALUE}).")
    float dropout;

    @Option(
            names = "--validation-fraction",
            defaultValue = "0.1",
            paramLabel = "F",
            description = "Share of the data held out for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Option(
            names = "--seed",
            defaultValue = "42",
            paramLabel = "N",
            description =
                    "Seeds the split, the shuffling, new weights and dropout (default:"
                            + " ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Torch intra-op threads (default: one per core).")
    Integer threads;

    TrainingOptions options(double defaultLr, double lmWeight) {
        return new TrainingOptions(
                lr != null ? lr : defaultLr,
                epochs,
                batchSize,
                warmup,
                weightDecay,
                dropout,
                lmWeight,
                validationFraction,
                seed);
    }
}
