package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import dev.gpt1spark.config.ModelConfig;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One GPT-1 block for inference as a single TorchScript call: oneDNN pre-packed linears ({@link
 * PackedLinear}) or int8 ones ({@link QuantizedLinear}), fused scaled-dot-product attention, fused
 * GELU and LayerNorm, and the key/value cache written in place.
 *
 * <p>Why: through DJL every op is a JNI call with a fixed cost before any work, and a block takes
 * some 25 of them; at one token per sequence (a decode step) that overhead, not the arithmetic, is
 * most of the step. Inside TorchScript the same ops run in libtorch's interpreter. The code is
 * {@code fused_layer.py} beside this class; the arithmetic is GPT-1's, as in {@link DecoderLayer},
 * which remains the path for training (dropout, autograd).
 */
final class FusedLayer {
    private static final Logger LOG = LoggerFactory.getLogger(FusedLayer.class);

    private final Object[] weights; // NDArray, or NDArray[] for a linear weight
    private final Script script;
    private final long nHead;
    private final double epsilon;
    private final String activation;

    private FusedLayer(ModelConfig config, Object[] weights, Script script) {
        this.weights = weights;
        this.script = script;
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
        Object[] weights =
                weights(
                        p,
                        new NDArray[] {attn.get().packed()},
                        packed(p, "attn.c_proj.weight"),
                        packed(p, "mlp.c_fc.weight"),
                        packed(p, "mlp.c_proj.weight"));
        return Optional.of(new FusedLayer(config, weights, Script.PACKED));
    }

    /**
     * Quantizes one block's float32 matrix weights to int8 ({@link QuantizedLinear}); biases and
     * LayerNorms stay float32.
     *
     * @param p the block's parameter arrays by name relative to the block
     */
    static FusedLayer quantized(ModelConfig config, Map<String, NDArray> p) {
        Object[] weights =
                weights(
                        p,
                        QuantizedLinear.ofInOut(p.get("attn.c_attn.weight")).weight(),
                        QuantizedLinear.ofInOut(p.get("attn.c_proj.weight")).weight(),
                        QuantizedLinear.ofInOut(p.get("mlp.c_fc.weight")).weight(),
                        QuantizedLinear.ofInOut(p.get("mlp.c_proj.weight")).weight());
        return new FusedLayer(config, weights, Script.QUANTIZED);
    }

    private static NDArray[] packed(Map<String, NDArray> p, String name) {
        return new NDArray[] {PackedLinear.ofInOut(p.get(name)).orElseThrow().packed()};
    }

    /** The arguments after the settings, in the order of fused_layer.py's parameters. */
    private static Object[] weights(
            Map<String, NDArray> p,
            NDArray[] attn,
            NDArray[] attnProj,
            NDArray[] fc,
            NDArray[] mlpProj) {
        return new Object[] {
            attn,
            p.get("attn.c_attn.bias"),
            attnProj,
            p.get("attn.c_proj.bias"),
            p.get("ln_1.weight"),
            p.get("ln_1.bias"),
            fc,
            p.get("mlp.c_fc.bias"),
            mlpProj,
            p.get("mlp.c_proj.bias"),
            p.get("ln_2.weight"),
            p.get("ln_2.bias")
        };
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
        return (cache == null ? script.stateless() : script.cached()).call(in);
    }

    /** fused_layer.py after the file whose {@code linear} it calls. */
    private enum Script {
        PACKED(() -> TorchScriptFunction.resource("packed_linear.py")),
        QUANTIZED(QuantizedLinear::source);

        private final Supplier<String> linearSource;
        private TorchScriptFunction stateless;
        private TorchScriptFunction cached;

        Script(Supplier<String> linearSource) {
            this.linearSource = linearSource;
        }

        /** Compiled on first use, once per JVM. */
        synchronized TorchScriptFunction stateless() {
            if (stateless == null) {
                stateless = TorchScriptFunction.fromSource("Gpt1Layer", source());
            }
            return stateless;
        }

        synchronized TorchScriptFunction cached() {
            if (cached == null) {
                cached = TorchScriptFunction.fromSource("Gpt1LayerCached", source());
            }
            return cached;
        }

        private String source() {
            return linearSource.get() + "\n\n" + TorchScriptFunction.resource("fused_layer.py");
        }
    }
}
