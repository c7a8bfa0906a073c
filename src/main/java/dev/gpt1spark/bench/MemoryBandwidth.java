package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Read bandwidth of main memory as libtorch sees it: the sum of a float32 array far larger than the
 * caches. Summing reads every byte once and writes nothing, as a decode step reads every weight
 * once, so weight bytes ÷ this rate is the least a decode step can take.
 */
final class MemoryBandwidth {
    private MemoryBandwidth() {}

    /** GB/s (10⁹ bytes) reading an array of {@code mib} MiB, best of {@code reps}. */
    static double gbPerSecond(NDManager parent, int mib, int reps) {
        long floats = (long) mib * (1 << 20) / Float.BYTES;
        try (NDManager manager = parent.newSubManager()) {
            NDArray big = manager.ones(new Shape(floats)); // written once, so its pages exist
            double seconds =
                    Timing.best(
                            reps,
                            () -> {
                                try (NDArray sum = big.sum()) {
                                    sum.getFloat();
                                }
                            });
            return floats * Float.BYTES / seconds / 1e9;
        }
    }
}
