package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/**
 * libtorch's own matrix multiply (MKL for float32) through DJL: reported beside the packed linear
 * for reference, since the model does not use it.
 */
final class GemmRate {
    private GemmRate() {}

    /**
     * GFLOP/s of an n × n by n × n product (2n³ FLOPs), best of {@code reps}.
     *
     * @param cast turns the float32 operands into the number type to measure
     */
    static double gflops(NDManager parent, int n, int reps, UnaryOperator<NDArray> cast) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray a = cast.apply(manager.randomNormal(new Shape(n, n)));
            NDArray b = cast.apply(manager.randomNormal(new Shape(n, n)));
            double seconds =
                    Timing.best(
                            reps,
                            () -> {
                                // CPU ops are synchronous: the product is done when matMul returns
                                try (NDArray product = a.matMul(b)) {
                                    product.getShape();
                                }
                            });
            return 2.0 * n * n * n / seconds / 1e9;
        }
    }
}
