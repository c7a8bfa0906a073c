package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gpt1spark.model.Gpt1Model;

/**
 * Tokens per second of the forward pass that embed runs: a full (rows × tokens) batch through every
 * block, hidden states only (no LM head, as embed computes none).
 */
final class ForwardThroughput {
    private ForwardThroughput() {}

    /** Tokens/s, best of {@code reps} passes over the same random batch. */
    static double tokensPerSecond(Gpt1Model model, int rows, int tokens, int reps, long seed) {
        long[][] ids = RandomTokens.rows(rows, tokens, model.config().vocabSize(), seed);
        double seconds =
                Timing.best(
                        reps,
                        () -> {
                            try (NDManager batch = model.newManager()) {
                                NDArray input = RandomTokens.array(batch, ids);
                                model.network().hiddenStates(input, null, null, null).getShape();
                            }
                        });
        return (double) rows * tokens / seconds;
    }
}
