package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.model.KvCache;

/**
 * Seconds of one cached decode step as the generator takes it: one new token per row through every
 * network against the key/value cache, then its logits over the vocabulary copied to Java.
 */
final class DecodeStepTime {
    private DecodeStepTime() {}

    /** Mean seconds per step over {@code steps} steps after a prompt of {@code promptTokens}. */
    static double seconds(Gpt1Model model, int rows, int promptTokens, int steps) {
        Gpt1Network network = model.network();
        long[][] prompt = RandomTokens.rows(rows, promptTokens, model.config().vocabSize(), 13);
        long[][] next = RandomTokens.rows(rows, 1, model.config().vocabSize(), 17);
        try (NDManager manager = model.newManager();
                KvCache cache =
                        new KvCache(
                                manager,
                                model.config(),
                                rows,
                                promptTokens + steps + 1,
                                network.precision())) {
            try (NDManager prefill = manager.newSubManager()) {
                network.hiddenStates(RandomTokens.array(prefill, prompt), null, null, cache);
            }
            step(network, manager, next, cache); // warm-up
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step(network, manager, next, cache);
            }
            return (System.nanoTime() - start) / 1e9 / steps;
        }
    }

    private static void step(Gpt1Network network, NDManager parent, long[][] ids, KvCache cache) {
        try (NDManager step = parent.newSubManager()) {
            NDArray hidden = network.hiddenStates(RandomTokens.array(step, ids), null, null, cache);
            NDArray last = hidden.get(new NDIndex(":, -1")); // (B, D)
            network.lmLogits(last).toFloatArray();
        }
    }
}
