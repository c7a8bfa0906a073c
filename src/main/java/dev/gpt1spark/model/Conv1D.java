package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/**
 * GPT's "Conv1D": an affine map whose weight is stored {@code [in, out]}, so y = x·W + b with no
 * transpose (unlike {@code nn.Linear}, which stores {@code [out, in]}). An inference model may also
 * hold the weight pre-packed ({@link #pack}), which is then used instead.
 */
final class Conv1D {
    private final Parameter weight;
    private final Parameter bias;
    private PackedLinear packed;

    Conv1D(Parameter weight, Parameter bias) {
        this.weight = weight;
        this.bias = bias;
    }

    /** Packs the weight for inference, once its array is set; a no-op where packing is off. */
    void pack() {
        packed = PackedLinear.ofInOut(weight.getArray()).orElse(null);
    }

    NDArray apply(NDArray x) {
        if (packed != null) {
            return packed.apply(x, bias.getArray()); // (..., out)
        }
        return x.matMul(weight.getArray()).addi(bias.getArray()); // (..., out)
    }
}
