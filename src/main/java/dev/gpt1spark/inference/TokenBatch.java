package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * Token sequences of different lengths, right-padded into one (B, T) batch: T is the longest
 * sequence (training), or that rounded up by {@link PaddedWidth} for inference ({@link #aligned}).
 *
 * <p>Right padding needs no attention mask: causality already hides the pad positions after a
 * sequence from its real ones, and positions stay 0…len−1 (GPT-1 derives no positions from a mask,
 * so left padding would shift them).
 */
public final class TokenBatch {
    private final List<long[]> rows;
    private final int width;

    /** A batch as wide as its longest sequence. */
    public TokenBatch(List<long[]> rows) {
        this(rows, false);
    }

    /**
     * A batch padded to {@link PaddedWidth}: each sequence's results are then the same whatever the
     * other sequences (docs/batching.md).
     */
    public static TokenBatch aligned(List<long[]> rows) {
        return new TokenBatch(rows, true);
    }

    private TokenBatch(List<long[]> rows, boolean aligned) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        int max = 0;
        for (long[] row : rows) {
            if (row.length == 0) {
                throw new IllegalArgumentException("empty sequence in batch");
            }
            max = Math.max(max, row.length);
        }
        this.rows = List.copyOf(rows);
        this.width = aligned ? PaddedWidth.of(max) : max;
    }

    public int size() {
        return rows.size();
    }

    /** The padded width T. */
    public int width() {
        return width;
    }

    public long[] row(int index) {
        return rows.get(index);
    }

    /** Real tokens per sequence. */
    public int[] lengths() {
        int[] lengths = new int[rows.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = rows.get(i).length;
        }
        return lengths;
    }

    /** Ids padded with 0 ({@code <unk>}; any id works, pad positions are never read). */
    public NDArray ids(NDManager manager) {
        long[] flat = new long[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            long[] row = rows.get(i);
            System.arraycopy(row, 0, flat, i * width, row.length);
        }
        return manager.create(flat, new Shape(rows.size(), width));
    }

    /**
     * Position ids: 0…len−1, then 0 at pad positions, whose outputs are never read; the padded
     * width may exceed n_positions.
     */
    public NDArray positions(NDManager manager) {
        long[] flat = new long[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < rows.get(i).length; j++) {
                flat[i * width + j] = j;
            }
        }
        return manager.create(flat, new Shape(rows.size(), width));
    }

    /** The network's input: ids and positions. */
    public NDList inputs(NDManager manager) {
        return new NDList(ids(manager), positions(manager));
    }
}
