package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.config.ModelConfig;

/**
 * Keys and values of every layer for the positions already processed, so that a generation step
 * only runs the new token through the model.
 *
 * <p>Buffers are allocated once for the whole generation (capacity positions) and written in place,
 * so a step copies only its own keys and values, never the whole prefix.
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final LayerCache[] layers;
    private final long capacity;
    private long length;

    /**
     * Allocates a cache.
     *
     * @param parent manager the buffers are tied to (closed with it at the latest)
     * @param config the model, for its layer count and head shapes
     * @param batch sequences generated together
     * @param capacity positions the cache can hold (prompt plus new tokens)
     * @param precision the model's precision
     */
    public KvCache(
            NDManager parent, ModelConfig config, long batch, long capacity, Precision precision) {
        this.manager = parent.newSubManager();
        this.capacity = capacity;
        Shape shape = new Shape(batch, config.nHead(), capacity, config.headSize());
        this.layers = new LayerCache[config.nLayer()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] =
                    new LayerCache(
                            this, precision.zeros(manager, shape), precision.zeros(manager, shape));
        }
    }

    /** Positions already cached; the next call's tokens start here. */
    public long length() {
        return length;
    }

    /** Positions the cache can hold. */
    public long capacity() {
        return capacity;
    }

    LayerCache layer(int index) {
        return layers[index];
    }

    /**
     * Sets the positions already cached, for a caller that places rows itself ({@link #copyRows},
     * {@link #shift}): the next call's tokens are written at this column.
     */
    public void setLength(long newLength) {
        if (newLength < 0 || newLength > capacity) {
            throw new IllegalArgumentException(
                    "cache length must be in [0, " + capacity + "], got " + newLength);
        }
        length = newLength;
    }

    /**
     * Copies every column another cache holds, rows {@code [sourceRow, sourceRow + rows)}, into
     * rows {@code [targetRow, targetRow + rows)} of this one, from column {@code column} on.
     */
    public void copyRows(KvCache source, long sourceRow, long targetRow, long rows, long column) {
        long width = source.length();
        NDIndex from = new NDIndex("{}:{}, :, 0:{}", sourceRow, sourceRow + rows, width);
        NDIndex to =
                new NDIndex("{}:{}, :, {}:{}", targetRow, targetRow + rows, column, column + width);
        try (NDManager scratch = manager.newSubManager()) {
            for (int i = 0; i < layers.length; i++) {
                LayerCache in = source.layer(i);
                layers[i].keys().set(to, in.keys().get(scratch, from));
                layers[i].values().set(to, in.values().get(scratch, from));
            }
        }
    }

    /**
     * Moves columns {@code [from, to)} of every row by {@code by} columns (left when negative), in
     * place; the columns it leaves keep their old contents.
     */
    public void shift(long from, long to, long by) {
        if (from + by < 0 || to + by > capacity) {
            throw new IllegalArgumentException(
                    "cannot move columns ["
                            + from
                            + ", "
                            + to
                            + ") by "
                            + by
                            + " in a cache of "
                            + capacity);
        }
        NDIndex source = new NDIndex(":, :, {}:{}", from, to);
        NDIndex target = new NDIndex(":, :, {}:{}", from + by, to + by);
        try (NDManager scratch = manager.newSubManager()) {
            for (LayerCache layer : layers) {
                for (NDArray buffer : new NDArray[] {layer.keys(), layer.values()}) {
                    // a copy first: source and target overlap
                    buffer.set(target, buffer.get(scratch, source).duplicate());
                }
            }
        }
    }

    /** Marks {@code count} more positions as filled, after every layer has appended them. */
    void advance(long count) {
        length += count;
    }

    @Override
    public void close() {
        manager.close();
    }
}
