package dev.gpt1spark.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Packs sequences into micro-batches under a token budget and runs them.
 *
 * <p>A micro-batch costs {@code rows × longest row} positions plus a fixed cost per call, and holds
 * at most the budget (a longer sequence runs alone). Among the plans that keep sequences sorted by
 * length, {@link #plan} finds the cheapest exactly (dynamic programming over the sorted order): it
 * cuts a batch where the next sequences are much shorter, instead of padding them to a width they
 * do not need. Results come back in input order.
 */
public final class MicroBatches {
    /**
     * A forward pass's fixed cost in padded positions: every call streams all the weights once,
     * which on a CPU costs about as much as computing 30 positions.
     */
    public static final int FORWARD_CALL_POSITIONS = 32;

    /**
     * The default budget of a forward-only batch (embed, score, classify). Small on purpose: on a
     * CPU a batch of a few hundred positions keeps its activations in cache; at one thread, 512
     * embedded 320 tokens/s where 8192 embedded 261.
     */
    public static final int FORWARD_BATCH_TOKENS = 512;

    private MicroBatches() {}

    /**
     * Plans the batches.
     *
     * @param lengths each sequence's length (its cost per row)
     * @param batchTokens most {@code rows × longest row} of one batch
     * @param callPositions the fixed cost of one batch, in positions
     * @return groups of input indices, longest sequences first
     */
    public static List<int[]> plan(int[] lengths, int batchTokens, int callPositions) {
        int n = lengths.length;
        int[] order =
                IntStream.range(0, n)
                        .boxed()
                        .sorted(Comparator.comparingInt((Integer i) -> lengths[i]).reversed())
                        .mapToInt(Integer::intValue)
                        .toArray();
        // least[j]: the cheapest plan for the j longest sequences; its last batch starts at from[j]
        long[] least = new long[n + 1];
        int[] from = new int[n + 1];
        for (int j = 1; j <= n; j++) {
            least[j] = Long.MAX_VALUE;
            for (int i = j - 1; i >= 0; i--) {
                long rows = j - i;
                long width = Math.max(1, lengths[order[i]]); // the batch's longest row
                if (rows > 1 && rows * width > batchTokens) {
                    break; // rows and width only grow as i falls
                }
                long cost = least[i] + callPositions + rows * width;
                if (cost < least[j]) {
                    least[j] = cost;
                    from[j] = i;
                }
            }
        }
        List<int[]> groups = new ArrayList<>();
        for (int j = n; j > 0; j = from[j]) {
            groups.add(Arrays.copyOfRange(order, from[j], j));
        }
        Collections.reverse(groups);
        return groups;
    }

    /** Runs every sequence through the predictor, one micro-batch per call, in input order. */
    static float[][] run(
            List<long[]> sequences, int batchTokens, Predictor<TokenBatch, float[][]> predictor) {
        int[] lengths = sequences.stream().mapToInt(s -> s.length).toArray();
        int[] widths = Arrays.stream(lengths).map(PaddedWidth::of).toArray();
        float[][] results = new float[sequences.size()][];
        for (int[] group : plan(widths, batchTokens, FORWARD_CALL_POSITIONS)) {
            List<long[]> rows = new ArrayList<>(group.length);
            for (int index : group) {
                rows.add(sequences.get(index));
            }
            float[][] out;
            try {
                out = predictor.predict(TokenBatch.aligned(rows));
            } catch (TranslateException e) {
                throw new IllegalStateException("GPT-1 forward pass failed: " + e.getMessage(), e);
            }
            long tokens = 0;
            for (int i = 0; i < group.length; i++) {
                results[group[i]] = out[i];
                tokens += lengths[group[i]];
            }
            BatchMeter.batchDone(group.length, tokens);
        }
        return results;
    }
}
