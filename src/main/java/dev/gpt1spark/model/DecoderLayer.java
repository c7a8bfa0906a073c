package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.gpt1spark.config.ModelConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * One GPT-1 decoder layer ("block" in GPT papers and minGPT; {@link Gpt1Network} stacks n_layer of
 * them), op by op. GPT-1 normalises AFTER each residual add (post-LayerNorm), unlike GPT-2: n =
 * ln_1(x + attn(x)); h = ln_2(n + mlp(n)).
 */
public final class DecoderLayer extends AbstractBlock {
    private final float epsilon;
    private final Shape normalizedShape;
    private final CausalSelfAttention attn;
    private final FeedForward mlp;
    private final Parameter ln1Weight = addParameter(Params.gamma("ln_1.weight"));
    private final Parameter ln1Bias = addParameter(Params.beta("ln_1.bias"));
    private final Parameter ln2Weight = addParameter(Params.gamma("ln_2.weight"));
    private final Parameter ln2Bias = addParameter(Params.beta("ln_2.bias"));

    private final ModelConfig config;
    private final Precision precision;
    private FusedLayer fused; // set by packWeights for an inference model

    DecoderLayer(ModelConfig config, Precision precision) {
        this.config = config;
        this.precision = precision;
        this.epsilon = (float) config.layerNormEpsilon();
        this.normalizedShape = new Shape(config.nEmbd());
        this.attn = addChildBlock("attn", new CausalSelfAttention(config.nHead(), precision));
        this.mlp = addChildBlock("mlp", new FeedForward(config.activation()));
    }

    /**
     * @param dropout GPT-1's dropout rate (attention and both residual branches), 0 outside
     *     training
     * @param training whether autograd records this pass (no in-place ops on what it keeps)
     */
    NDArray apply(NDArray x, NDArray bias, LayerCache cache, float dropout, boolean training) {
        if (fused != null && !training && dropout == 0) {
            return fused.apply(x, bias, cache);
        }
        if (precision.quantized()) {
            throw new IllegalStateException("int8 runs only through the fused inference blocks");
        }
        NDArray a = Dropouts.apply(attn.attend(x, bias, cache, dropout), dropout); // (B, T, D)
        NDArray n = norm(x.add(a), ln1Weight, ln1Bias); // (B, T, D)
        NDArray m = Dropouts.apply(mlp.apply(n, training), dropout); // (B, T, D)
        return norm(n.add(m), ln2Weight, ln2Bias); // (B, T, D)
    }

    /**
     * Switches inference to one fused TorchScript call per block ({@link FusedLayer}), once the
     * weights are set; they must not change afterwards. A no-op where oneDNN packing is off, except
     * for int8, whose weights are quantized here.
     */
    void packWeights() {
        Map<String, NDArray> arrays = new HashMap<>();
        addArrays(arrays, "", this);
        addArrays(arrays, "attn.", attn);
        addArrays(arrays, "mlp.", mlp);
        fused =
                precision.quantized()
                        ? FusedLayer.quantized(config, arrays)
                        : FusedLayer.of(config, arrays).orElse(null);
    }

    /** Whether inference runs this block as one fused call. */
    boolean fused() {
        return fused != null;
    }

    private static void addArrays(Map<String, NDArray> arrays, String prefix, Block block) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            arrays.put(prefix + p.getKey(), p.getValue().getArray());
        }
    }

    private NDArray norm(NDArray x, Parameter gain, Parameter shift) {
        return LayerNorm.layerNorm(x, normalizedShape, gain.getArray(), shift.getArray(), epsilon)
                .singletonOrThrow();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> p) {
        return new NDList(apply(inputs.get(0), inputs.get(1), null, 0f, false));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
