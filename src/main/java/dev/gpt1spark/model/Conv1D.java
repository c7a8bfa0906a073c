package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;

/**
 * GPT's "Conv1D": an affine map whose weight is stored {@code [in, out]}, so y = x·W + b with no
 * transpose (unlike {@code nn.Linear}, which stores {@code [out, in]}).
 */
final class Conv1D {
    private Conv1D() {}

    static NDArray apply(NDArray x, Parameter weight, Parameter bias) {
        return x.matMul(weight.getArray()).addi(bias.getArray()); // (..., out)
    }
}
