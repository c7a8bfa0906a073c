package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.function.UnaryOperator;

/** The matrix-multiply rate of libtorch through DJL: the ceiling every model figure is held to. */
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

    /**
     * The rate of the largest product up to {@code maxN} that takes about {@code budgetSeconds} or
     * less: a slow type (float16 or bfloat16 without hardware support runs at well under 1 GFLOP/s)
     * is measured on a smaller product instead of stalling the run.
     *
     * @return {n, GFLOP/s}
     */
    static double[] gflopsWithin(
            NDManager parent,
            int maxN,
            int reps,
            UnaryOperator<NDArray> cast,
            double budgetSeconds) {
        int n = Math.min(256, maxN);
        double rate = gflops(parent, n, 1, cast);
        while (n < maxN && 2.0 * 8 * n * n * n / (rate * 1e9) < budgetSeconds) {
            n = Math.min(maxN, n * 2);
            rate = gflops(parent, n, 1, cast);
        }
        return new double[] {n, reps > 1 ? gflops(parent, n, reps, cast) : rate};
    }
}
