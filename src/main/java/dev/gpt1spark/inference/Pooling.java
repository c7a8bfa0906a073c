package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Locale;

/** How the hidden states of a sequence's real tokens become one vector. */
public enum Pooling {
    /** Average over real tokens. */
    MEAN,
    /** The last real token, which has seen the whole sequence (GPT-1's classifier input). */
    LAST,
    /** Element-wise maximum over real tokens. */
    MAX;

    /** Parses {@code mean}, {@code last} or {@code max}. */
    public static Pooling parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown pooling \"" + name + "\" (expected mean, last or max)", e);
        }
    }

    /** The lower-case name used on the command line and in output. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Pools right-padded hidden states.
     *
     * @param hidden (B, T, D)
     * @param lengths real tokens per row, each ≥ 1
     * @return (B, D)
     */
    public NDArray pool(NDArray hidden, int[] lengths) {
        NDManager manager = hidden.getManager();
        Shape shape = hidden.getShape();
        int b = lengths.length;
        int t = (int) shape.get(1);
        long d = shape.get(2);
        switch (this) {
            case LAST:
                long[] index = new long[b];
                for (int i = 0; i < b; i++) {
                    index[i] = lengths[i] - 1;
                }
                NDArray rows = manager.create(index, new Shape(b, 1, 1)).repeat(2, d); // (B,1,D)
                return hidden.gather(rows, 1).squeeze(1); // (B, D)
            case MEAN:
                NDArray weights = realTokenMask(manager, lengths, t, 1f, 0f); // (B, T, 1)
                float[] counts = new float[b];
                for (int i = 0; i < b; i++) {
                    counts[i] = lengths[i];
                }
                NDArray sum =
                        hidden.mul(weights.toType(hidden.getDataType(), false)).sum(new int[] {1});
                return sum.div(
                        manager.create(counts, new Shape(b, 1))
                                .toType(hidden.getDataType(), false));
            case MAX:
                NDArray pad = realTokenMask(manager, lengths, t, 0f, Float.NEGATIVE_INFINITY);
                return hidden.add(pad.toType(hidden.getDataType(), false)).max(new int[] {1});
            default:
                throw new IllegalStateException("unhandled pooling " + this);
        }
    }

    /** (B, T, 1) holding {@code real} at real positions and {@code pad} after them. */
    private static NDArray realTokenMask(
            NDManager manager, int[] lengths, int t, float real, float pad) {
        float[] mask = new float[lengths.length * t];
        for (int i = 0; i < lengths.length; i++) {
            for (int j = 0; j < t; j++) {
                mask[i * t + j] = j < lengths[i] ? real : pad;
            }
        }
        return manager.create(mask, new Shape(lengths.length, t, 1))
                .toType(DataType.FLOAT32, false);
    }
}
