package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import dev.gpt1spark.config.ModelConfig;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GPT-1 block for inference as a single TorchScript call: oneDNN pre-packed linears ({@link
 * PackedLinear}), fused scaled-dot-product attention, fused GELU and LayerNorm, and the key/value
 * cache written in place.
 *
 * <p>Why: through DJL every op is a JNI call with a fixed cost before any work, and a block takes
 * some 25 of them; at one token per sequence (a decode step) that overhead, not the arithmetic, is
 * most of the step. Inside TorchScript the same ops run in libtorch's interpreter. The code is
 * {@code fused_layer.py} beside this class; the arithmetic is GPT-1's, as in {@link DecoderLayer},
 * which remains the path for training (dropout, autograd).
 */
final class FusedLayer {
    private static final Logger LOG = LoggerFactory.getLogger(FusedLayer.class);

    private final NDArray[] weights;
    private final long nHead;
    private final double epsilon;
    private final String activation;

    private FusedLayer(ModelConfig config, NDArray[] weights) {
        this.weights = weights;
        this.nHead = config.nHead();
        this.epsilon = config.layerNormEpsilon();
        this.activation = config.activation().configName();
    }

    /**
     * Packs one block's weights, or empty where oneDNN packing is off or unavailable.
     *
     * @param p the block's parameter arrays by name relative to the block ({@code
     *     attn.c_attn.weight}, {@code ln_1.weight}, …)
     */
    static Optional<FusedLayer> of(ModelConfig config, Map<String, NDArray> p) {
        Optional<PackedLinear> attn;
        try {
            attn = PackedLinear.ofInOut(p.get("attn.c_attn.weight"));
        } catch (RuntimeException e) {
            // oneDNN refuses a number type this CPU cannot compute; the block stays op by op
            LOG.warn("cannot pack {} weights, blocks run op by op: {}", dtype(p), e.getMessage());
            return Optional.empty();
        }
        if (attn.isEmpty()) {
            return Optional.empty();
        }
        // in the order of fused_layer.py's parameters
        NDArray[] weights = {
            attn.get().packed(),
            p.get("attn.c_attn.bias"),
            PackedLinear.ofInOut(p.get("attn.c_proj.weight")).orElseThrow().packed(),
            p.get("attn.c_proj.bias"),
            p.get("ln_1.weight"),
            p.get("ln_1.bias"),
            PackedLinear.ofInOut(p.get("mlp.c_fc.weight")).orElseThrow().packed(),
            p.get("mlp.c_fc.bias"),
            PackedLinear.ofInOut(p.get("mlp.c_proj.weight")).orElseThrow().packed(),
            p.get("mlp.c_proj.bias"),
            p.get("ln_2.weight"),
            p.get("ln_2.bias")
        };
        return Optional.of(new FusedLayer(config, weights));
    }

    private static String dtype(Map<String, NDArray> p) {
        return String.valueOf(p.get("attn.c_attn.weight").getDataType());
    }

    /**
     * The block's output for {@code x}; with a cache, this call's keys and values are written after
     * the cached ones (the caller advances the cache once every layer has run).
     *
     * @param x (B, T, D)
     * @param bias additive mask (B|1, 1, T, past + T)
     * @param cache this layer's cache, or null
     */
    NDArray apply(NDArray x, NDArray bias, LayerCache cache) {
        Object[] in = new Object[weights.length + (cache == null ? 5 : 7)];
        int at = 0;
        in[at++] = x;
        in[at++] = bias;
        if (cache != null) {
            in[at++] = cache.keys();
            in[at++] = cache.values();
        }
        in[at++] = nHead;
        in[at++] = epsilon;
        in[at++] = activation;
        System.arraycopy(weights, 0, in, at, weights.length);
        return (cache == null ? Script.STATELESS : Script.CACHED).call(in);
    }

    /** fused_layer.py after packed_linear.py, whose linear it calls; compiled once per JVM. */
    private static final class Script {
        static final String SOURCE =
                TorchScriptFunction.resource("packed_linear.py")
                        + "\n\n"
                        + TorchScriptFunction.resource("fused_layer.py");
        static final TorchScriptFunction STATELESS =
                TorchScriptFunction.fromSource("Gpt1Layer", SOURCE);
        static final TorchScriptFunction CACHED =
                TorchScriptFunction.fromSource("Gpt1LayerCached", SOURCE);
    }
}
