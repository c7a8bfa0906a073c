package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/** One layer's slice of a {@link KvCache}. */
final class LayerCache {
    private final KvCache owner;
    private final NDArray keys; // (B, nh, capacity, hd)
    private final NDArray values; // (B, nh, capacity, hd)

    LayerCache(KvCache owner, NDArray keys, NDArray values) {
        this.owner = owner;
        this.keys = keys;
        this.values = values;
    }

    /** The whole key buffer (B, nh, capacity, hd), for {@link FusedLayer} to write in place. */
    NDArray keys() {
        return keys;
    }

    /** The whole value buffer (B, nh, capacity, hd). */
    NDArray values() {
        return values;
    }

    /**
     * Writes this call's keys and values after the cached ones.
     *
     * @param k new keys (B, nh, T, hd)
     * @param v new values (B, nh, T, hd)
     * @return views of all keys and values so far, each (B, nh, length + T, hd), tied to the
     *     manager of {@code k}
     */
    NDList append(NDArray k, NDArray v) {
        long start = owner.length();
        long end = start + k.getShape().get(2);
        if (end > owner.capacity()) {
            throw new IllegalStateException(
                    "key/value cache holds " + owner.capacity() + " positions, asked for " + end);
        }
        NDIndex written = new NDIndex(":, :, {}:{}", start, end);
        keys.set(written, k);
        values.set(written, v);
        NDIndex filled = new NDIndex(":, :, :{}", end);
        return new NDList(keys.get(k.getManager(), filled), values.get(k.getManager(), filled));
    }
}
