package dev.gpt1spark.model;

import ai.djl.ndarray.NDManager;
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

    /** Marks {@code count} more positions as filled, after every layer has appended them. */
    void advance(long count) {
        length += count;
    }

    @Override
    public void close() {
        manager.close();
    }
}
