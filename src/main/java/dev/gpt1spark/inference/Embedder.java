package dev.gpt1spark.inference;

import ai.djl.inference.Predictor;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds documents: pooled hidden states of the last block over real tokens.
 *
 * <p>A document longer than n_positions is truncated to its first n_positions tokens, or split into
 * windows whose vectors are combined: MEAN averages the window means weighted by window length, MAX
 * takes the element-wise maximum, LAST takes the last window's last token. One instance per thread.
 */
public final class Embedder implements AutoCloseable {
    private final int nPositions;
    private final EmbedOptions options;
    private final int stride;
    private final Predictor<TokenBatch, float[][]> predictor;

    public Embedder(Gpt1Model model, EmbedOptions options) {
        this.nPositions = model.config().nPositions();
        this.options = options;
        this.stride =
                options.windowStride() > 0 ? options.windowStride() : Math.max(1, nPositions / 2);
        if (options.longInput() == LongInput.WINDOW && stride > nPositions) {
            throw new IllegalArgumentException(
                    "window stride " + stride + " exceeds n_positions " + nPositions);
        }
        this.predictor = model.newPredictor(new PooledStatesTranslator(options.pooling()));
    }

    /** Embeds non-empty token sequences, in order. */
    public List<EmbeddingResult> embed(List<long[]> documents) {
        List<long[]> pieces = new ArrayList<>();
        List<List<int[]>> windowsPerDoc = new ArrayList<>();
        for (long[] ids : documents) {
            List<int[]> windows =
                    ids.length > nPositions && options.longInput() == LongInput.WINDOW
                            ? Windows.of(ids.length, nPositions, stride)
                            : List.of(new int[] {0, Math.min(ids.length, nPositions)});
            windowsPerDoc.add(windows);
            for (int[] w : windows) {
                pieces.add(Windows.slice(ids, w));
            }
        }
        float[][] pooled = MicroBatches.run(pieces, options.batchTokens(), predictor);
        List<EmbeddingResult> results = new ArrayList<>(documents.size());
        int next = 0;
        for (int i = 0; i < documents.size(); i++) {
            List<int[]> windows = windowsPerDoc.get(i);
            float[] vector = combine(pooled, next, windows);
            next += windows.size();
            if (options.normalize()) {
                normalize(vector);
            }
            int nTokens = documents.get(i).length;
            boolean truncated = windows.size() == 1 && nTokens > nPositions;
            results.add(new EmbeddingResult(vector, nTokens, truncated, windows.size()));
        }
        return results;
    }

    private float[] combine(float[][] pooled, int first, List<int[]> windows) {
        if (windows.size() == 1) {
            return pooled[first];
        }
        float[] out = pooled[first].clone();
        switch (options.pooling()) {
            case LAST:
                return pooled[first + windows.size() - 1];
            case MAX:
                for (int w = 1; w < windows.size(); w++) {
                    float[] v = pooled[first + w];
                    for (int j = 0; j < out.length; j++) {
                        out[j] = Math.max(out[j], v[j]);
                    }
                }
                return out;
            case MEAN:
                double[] sum = new double[out.length];
                long tokens = 0;
                for (int w = 0; w < windows.size(); w++) {
                    int len = windows.get(w)[1] - windows.get(w)[0];
                    float[] v = pooled[first + w];
                    for (int j = 0; j < sum.length; j++) {
                        sum[j] += (double) v[j] * len;
                    }
                    tokens += len;
                }
                for (int j = 0; j < out.length; j++) {
                    out[j] = (float) (sum[j] / tokens);
                }
                return out;
            default:
                throw new IllegalStateException("unhandled pooling " + options.pooling());
        }
    }

    private static void normalize(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += (double) x * x;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) (v[j] / norm);
            }
        }
    }

    @Override
    public void close() {
        predictor.close();
    }
}
