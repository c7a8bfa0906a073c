package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.model.PackedLinear;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.model.QuantizedLinear;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The rate of the kernel the model's blocks actually run (oneDNN's linear on pre-packed weights,
 * {@link PackedLinear}, or its int8 linear, {@link QuantizedLinear}) at one block's four matrix
 * shapes (c_attn, attention c_proj, c_fc, mlp c_proj) in one precision: the ceiling a forward pass
 * in that precision is held to. For int8 the rate counts each multiply-add as two operations, as
 * for the float types.
 */
final class PackedLinearRate {
    private PackedLinearRate() {}

    /**
     * GFLOP/s over the four products of {@code rows} rows, best of {@code reps}, or NaN where
     * packing is off.
     */
    static double gflops(
            NDManager parent, ModelConfig config, int rows, Precision precision, int reps) {
        long d = config.nEmbd();
        long[][] shapes = {{d, 3 * d}, {d, d}, {d, 4 * d}, {4 * d, d}}; // [in, out]
        try (NDManager manager = parent.newSubManager()) {
            List<UnaryOperator<NDArray>> weights = new ArrayList<>();
            List<NDArray> inputs = new ArrayList<>();
            double flops = 0;
            for (long[] shape : shapes) {
                NDArray w = precision.cast(manager.randomNormal(new Shape(shape[0], shape[1])));
                if (precision.quantized()) {
                    weights.add(QuantizedLinear.ofInOut(w)::apply);
                } else {
                    PackedLinear packed = PackedLinear.ofInOut(w).orElse(null);
                    if (packed == null) {
                        return Double.NaN;
                    }
                    weights.add(packed::apply);
                }
                inputs.add(precision.cast(manager.randomNormal(new Shape(rows, shape[0]))));
                flops += 2.0 * rows * shape[0] * shape[1];
            }
            double seconds =
                    Timing.best(
                            reps,
                            () -> {
                                for (int i = 0; i < weights.size(); i++) {
                                    weights.get(i).apply(inputs.get(i)).close();
                                }
                            });
            return flops / seconds / 1e9;
        }
    }
}
