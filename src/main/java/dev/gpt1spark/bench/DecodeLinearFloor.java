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
import java.util.function.Function;

/**
 * The least time a decode step's matrix products take with the kernel the model uses in a precision
 * (oneDNN, weights pre-packed or, in int8, quantized): every block's four products and the LM head,
 * on one row per sequence, with weights of the model's shapes read from main memory. Nothing else
 * of the step is done, so this ÷ the weight-stream time is how close the kernel alone comes to the
 * memory bound.
 */
final class DecodeLinearFloor {
    private DecodeLinearFloor() {}

    /** Seconds for one pass over all the products, best of {@code reps}. */
    static double seconds(
            NDManager parent, ModelConfig config, Precision precision, int rows, int reps) {
        long d = config.nEmbd();
        try (NDManager manager = parent.newSubManager()) {
            List<Function<NDArray, NDArray>> products = new ArrayList<>();
            List<NDArray> inputs = new ArrayList<>();
            for (int layer = 0; layer < config.nLayer(); layer++) {
                long[][] shapes = {{d, 3 * d}, {d, d}, {d, 4 * d}, {4 * d, d}}; // [in, out]
                for (long[] shape : shapes) {
                    products.add(product(manager, precision, shape[0], shape[1]));
                    inputs.add(precision.cast(manager.randomNormal(new Shape(rows, shape[0]))));
                }
            }
            products.add(product(manager, precision, d, config.vocabSize()));
            inputs.add(precision.cast(manager.randomNormal(new Shape(rows, d))));
            return Timing.best(
                    reps,
                    () -> {
                        for (int i = 0; i < products.size(); i++) {
                            products.get(i).apply(inputs.get(i)).close();
                        }
                    });
        }
    }

    /** x·W for a random W of shape [in, out], packed as the model packs its weights. */
    private static Function<NDArray, NDArray> product(
            NDManager manager, Precision precision, long in, long out) {
        NDArray random = manager.randomNormal(new Shape(in, out));
        NDArray weight = precision.cast(random);
        if (weight != random) {
            random.close(); // a cast copies
        }
        if (precision.quantized()) {
            QuantizedLinear quantized = QuantizedLinear.ofInOut(weight);
            weight.close(); // only the quantized copy is read
            return quantized::apply;
        }
        return PackedLinear.ofInOut(weight)
                .<Function<NDArray, NDArray>>map(
                        packed -> {
                            weight.close(); // only the packed copy is read
                            return packed::apply;
                        })
                .orElse(x -> x.matMul(weight));
    }
}
