package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import dev.gpt1spark.config.Activation;

/** The position-wise feed-forward network: c_fc (D → 4D), activation, c_proj (4D → D). */
public final class FeedForward extends AbstractBlock {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    private final Activation activation;
    private final Parameter cFcWeight = addParameter(Params.weight("c_fc.weight"));
    private final Parameter cFcBias = addParameter(Params.bias("c_fc.bias"));
    private final Parameter cProjWeight = addParameter(Params.weight("c_proj.weight"));
    private final Parameter cProjBias = addParameter(Params.bias("c_proj.bias"));

    FeedForward(Activation activation) {
        this.activation = activation;
    }

    /**
     * @param training whether autograd records this pass: then no op may overwrite in place what
     *     the backward pass needs
     */
    NDArray apply(NDArray x, boolean training) {
        NDArray h = Conv1D.apply(x, cFcWeight, cFcBias); // (B, T, 4D)
        return Conv1D.apply(activate(h, training), cProjWeight, cProjBias); // (B, T, D)
    }

    private NDArray activate(NDArray x, boolean training) {
        switch (activation) {
            case GELU_TANH:
                return geluTanh(x, training);
            case GELU_ERF:
                return ai.djl.nn.Activation.gelu(x); // torch's default gelu is the exact erf form
            case RELU:
                return ai.djl.nn.Activation.relu(x);
            case SILU:
                return x.mul(ai.djl.nn.Activation.sigmoid(x));
            default:
                throw new IllegalStateException("unhandled activation " + activation);
        }
    }

    /**
     * GPT-1's GELU, 0.5·x·(1 + tanh(u)) with u = sqrt(2/π)·(x + 0.044715·x³), computed as
     * x·sigmoid(2u): the same function in 5 passes over the (B, T, 4D) activations instead of 8,
     * the largest element-wise cost of the forward pass. In place except in training: autograd
     * needs the sigmoid's output intact for the backward pass.
     */
    private static NDArray geluTanh(NDArray x, boolean training) {
        double c3 = 2 * SQRT_2_OVER_PI * 0.044715;
        double c1 = 2 * SQRT_2_OVER_PI;
        if (training) {
            NDArray twoU = x.mul(x).mul(c3).add(c1).mul(x);
            return ai.djl.nn.Activation.sigmoid(twoU).mul(x);
        }
        NDArray twoU = x.mul(x).muli(c3).addi(c1).muli(x);
        return ai.djl.nn.Activation.sigmoid(twoU).muli(x);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(apply(inputs.get(0), false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
