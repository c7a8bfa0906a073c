package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Masked multi-head self-attention: every position attends to itself and earlier positions only.
 *
 * <p>{@code c_attn} produces the columns {@code [q | k | v]}, each n_embd wide; head h owns columns
 * {@code h·hd … (h+1)·hd−1} of each. Scores are scaled by 1/sqrt(head size), as in GPT-1.
 */
public final class CausalSelfAttention extends AbstractBlock {
    private final int nHead;
    private final Precision precision;
    private final Parameter cAttnWeight = addParameter(Params.weight("c_attn.weight"));
    private final Parameter cAttnBias = addParameter(Params.bias("c_attn.bias"));
    private final Parameter cProjWeight = addParameter(Params.weight("c_proj.weight"));
    private final Parameter cProjBias = addParameter(Params.bias("c_proj.bias"));

    CausalSelfAttention(int nHead, Precision precision) {
        this.nHead = nHead;
        this.precision = precision;
    }

    /**
     * Attends over the cached keys/values (if any) followed by this call's positions.
     *
     * @param x input (B, T, D)
     * @param bias additive mask (B or 1, 1, T, Tk): 0 where a query may attend, a large negative
     *     number where not
     * @param cache this layer's key/value cache, or null for a stateless pass
     * @param dropout attention dropout rate (attn_pdrop), 0 outside training
     * @return (B, T, D)
     */
    NDArray attend(NDArray x, NDArray bias, LayerCache cache, float dropout) {
        Shape shape = x.getShape();
        long b = shape.get(0);
        long t = shape.get(1);
        long d = shape.get(2);
        long hd = d / nHead;
        NDList qkv = Conv1D.apply(x, cAttnWeight, cAttnBias).split(3, 2); // 3 × (B, T, D)
        NDArray q = heads(qkv.get(0), b, t, hd); // (B, nh, T, hd)
        NDArray k = heads(qkv.get(1), b, t, hd); // (B, nh, T, hd)
        NDArray v = heads(qkv.get(2), b, t, hd); // (B, nh, T, hd)
        if (cache != null) {
            NDList kv = cache.append(k, v);
            k = kv.get(0); // (B, nh, Tk, hd)
            v = kv.get(1); // (B, nh, Tk, hd)
        }
        NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).muli(1.0 / Math.sqrt(hd)); // (B,nh,T,Tk)
        att = Dropouts.apply(precision.softmax(att.addi(bias)), dropout); // (B, nh, T, Tk)
        NDArray y = att.matMul(v); // (B, nh, T, hd)
        y = y.transpose(0, 2, 1, 3).reshape(b, t, d); // (B, T, D)
        return Conv1D.apply(y, cProjWeight, cProjBias); // (B, T, D)
    }

    private NDArray heads(NDArray x, long b, long t, long hd) {
        return x.reshape(b, t, nHead, hd).transpose(0, 2, 1, 3);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(attend(inputs.get(0), inputs.get(1), null, 0f));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
