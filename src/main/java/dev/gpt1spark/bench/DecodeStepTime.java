package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.gpt1spark.inference.Rows;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.model.KvCache;
import java.util.ArrayList;
import java.util.List;

/**
 * Seconds of one cached decode step as the generator takes it: one new token per row through every
 * block against the key/value cache, then its logits over the vocabulary copied to Java as float32.
 * Several models (one per precision) are measured in turns, a few steps each, so that a change of
 * load on a shared machine moves all of them alike.
 */
final class DecodeStepTime {
    private static final int TURNS = 4;

    private DecodeStepTime() {}

    /**
     * Mean seconds per step of each model, in the order given, over {@code steps} steps each after
     * a prompt of {@code promptTokens}.
     */
    static double[] seconds(List<Gpt1Model> models, int rows, int promptTokens, int steps) {
        int perTurn = Math.max(1, steps / TURNS);
        List<Decoder> decoders = new ArrayList<>();
        try {
            for (Gpt1Model model : models) {
                decoders.add(new Decoder(model, rows, promptTokens, TURNS * perTurn + 1));
            }
            double[] total = new double[models.size()];
            for (int turn = 0; turn < TURNS; turn++) {
                for (int i = 0; i < decoders.size(); i++) {
                    total[i] += decoders.get(i).time(perTurn);
                }
            }
            for (int i = 0; i < total.length; i++) {
                total[i] /= TURNS * perTurn;
            }
            return total;
        } finally {
            decoders.forEach(Decoder::close);
        }
    }

    /** One model's cache after a prompt, and the token each step feeds it. */
    private static final class Decoder implements AutoCloseable {
        private final Gpt1Network network;
        private final NDManager manager;
        private final KvCache cache;
        private final long[][] next;

        Decoder(Gpt1Model model, int rows, int promptTokens, int steps) {
            this.network = model.network();
            int vocab = model.config().vocabSize();
            this.next = RandomTokens.rows(rows, 1, vocab, 17);
            this.manager = model.newManager();
            this.cache =
                    new KvCache(
                            manager,
                            model.config(),
                            rows,
                            promptTokens + steps + 1,
                            network.precision());
            try (NDManager prefill = manager.newSubManager()) {
                long[][] prompt = RandomTokens.rows(rows, promptTokens, vocab, 13);
                network.hiddenStates(RandomTokens.array(prefill, prompt), null, null, cache);
            }
            step(); // warm-up
        }

        /** Seconds for {@code count} steps. */
        double time(int count) {
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                step();
            }
            return (System.nanoTime() - start) / 1e9;
        }

        private void step() {
            try (NDManager step = manager.newSubManager()) {
                NDArray ids = RandomTokens.array(step, next);
                NDArray hidden = network.hiddenStates(ids, null, null, cache);
                NDArray last = hidden.get(new NDIndex(":, -1")); // (B, D)
                Rows.of(network.lmLogits(last));
            }
        }

        @Override
        public void close() {
            cache.close();
            manager.close();
        }
    }
}
