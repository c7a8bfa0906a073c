package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Additive attention masks: 0 where a query may attend to a key, {@link #BLOCKED} where not.
 *
 * <p>A large finite number rather than −∞, as in the original GPT-1 code (−1e9): after softmax it
 * is exactly 0 in float32, and a row can never turn into NaN.
 */
public final class AttentionMask {
    /** The additive value for a blocked key. */
    public static final float BLOCKED = -1e9f;

    private AttentionMask() {}

    /**
     * The causal mask for {@code t} new positions following {@code past} cached ones.
     *
     * @return (1, 1, t, past + t)
     */
    public static NDArray causal(NDManager manager, long t, long past, Precision precision) {
        int rows = Math.toIntExact(t);
        int cols = Math.toIntExact(past + t);
        float[] mask = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = (int) past + i + 1; j < cols; j++) {
                mask[i * cols + j] = BLOCKED;
            }
        }
        return precision.cast(manager.create(mask, new Shape(1, 1, rows, cols)));
    }

    /**
     * The mask for left-padded sequences: causal, and no real query sees a pad key.
     *
     * <p>A pad query may see itself only, so that no row is fully blocked; its output is never
     * read.
     *
     * @param keyIsReal per sequence, whether each of the past + t key positions holds a real token
     * @return (B, 1, t, past + t)
     */
    public static NDArray padded(
            NDManager manager, boolean[][] keyIsReal, long t, long past, Precision precision) {
        int batch = keyIsReal.length;
        int rows = Math.toIntExact(t);
        int cols = Math.toIntExact(past + t);
        float[] mask = new float[batch * rows * cols];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < rows; i++) {
                int query = (int) past + i;
                for (int j = 0; j < cols; j++) {
                    boolean visible =
                            j == query || (j < query && keyIsReal[b][j] && keyIsReal[b][query]);
                    if (!visible) {
                        mask[(b * rows + i) * cols + j] = BLOCKED;
                    }
                }
            }
        }
        return precision.cast(manager.create(mask, new Shape(batch, 1, rows, cols)));
    }
}
