package dev.gpt1spark.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Packs sequences into micro-batches under a token budget and runs them.
 *
 * <p>Sequences are sorted by length first, so each batch holds similar lengths and padding stays
 * small; results come back in input order. A batch costs {@code rows × longest row} tokens; a
 * sequence longer than the budget runs alone.
 */
public final class MicroBatches {
    private MicroBatches() {}

    /**
     * Plans the batches.
     *
     * @return groups of input indices, longest sequences first
     */
    public static List<int[]> plan(int[] lengths, int batchTokens) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
        List<int[]> groups = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int width = 0;
        for (int index : order) {
            int w = Math.max(width, lengths[index]);
            if (!current.isEmpty() && (long) w * (current.size() + 1) > batchTokens) {
                groups.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                w = lengths[index];
            }
            current.add(index);
            width = w;
        }
        if (!current.isEmpty()) {
            groups.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return groups;
    }

    /** Runs every sequence through the predictor, one micro-batch per call, in input order. */
    static float[][] run(
            List<long[]> sequences, int batchTokens, Predictor<TokenBatch, float[][]> predictor) {
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        float[][] results = new float[sequences.size()][];
        for (int[] group : plan(lengths, batchTokens)) {
            List<long[]> rows = new ArrayList<>(group.length);
            for (int index : group) {
                rows.add(sequences.get(index));
            }
            float[][] out;
            try {
                out = predictor.predict(new TokenBatch(rows));
            } catch (TranslateException e) {
                throw new IllegalStateException("GPT-1 forward pass failed: " + e.getMessage(), e);
            }
            for (int i = 0; i < group.length; i++) {
                results[group[i]] = out[i];
            }
        }
        return results;
    }
}
