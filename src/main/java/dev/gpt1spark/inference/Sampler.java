package dev.gpt1spark.inference;

import java.util.SplittableRandom;

/** Picks the next token from a row of logits. Implementations are small and stateless. */
@FunctionalInterface
public interface Sampler {
    /**
     * @param logits next-token logits over the vocabulary; may be modified
     * @param random the document's own random stream (unused by greedy)
     */
    int sample(float[] logits, SplittableRandom random);

    /** The most probable token; ties go to the lowest id. */
    Sampler GREEDY =
            (logits, random) -> {
                int best = 0;
                for (int i = 1; i < logits.length; i++) {
                    if (logits[i] > logits[best]) {
                        best = i;
                    }
                }
                return best;
            };
}
