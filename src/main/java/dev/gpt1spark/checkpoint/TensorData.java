package dev.gpt1spark.checkpoint;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One float32 tensor of a checkpoint, held outside the Java heap.
 *
 * @param name canonical (Hugging Face, unprefixed) name, e.g. {@code h.0.attn.c_attn.weight}
 * @param shape dimensions, outermost first
 * @param data little-endian float32 values, position 0 and exactly {@code 4 * size()} bytes; often
 *     a slice of a memory-mapped file, so treat it as read-only
 */
public record TensorData(String name, long[] shape, ByteBuffer data) {

    public TensorData {
        shape = shape.clone();
        data = data.slice().order(ByteOrder.LITTLE_ENDIAN);
        if (data.remaining() != Float.BYTES * size(shape)) {
            throw new IllegalArgumentException(
                    name + ": " + data.remaining() + " bytes for shape " + Arrays.toString(shape));
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A read-only little-endian view positioned at the first value. */
    @Override
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Number of values. */
    public long size() {
        return size(shape);
    }

    private static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
