package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One GPT-1 block for inference as a single TorchScript call: oneDNN pre-packed linears ({@link
 * PackedLinear}), fused scaled-dot-product attention, fused GELU and LayerNorm, and the key/value
 * cache written in place.
 *
 * <p>Why: through DJL every op is a JNI call costing 15–35 µs before any work, and a block takes
 * some 25 of them; at one token per sequence (a decode step) that overhead, not the arithmetic, was
 * most of the step. Inside TorchScript the same ops run in libtorch's interpreter. The arithmetic
 * is GPT-1's, as in {@link DecoderLayer}, which remains the path for training (dropout, autograd)
 * and for float16/bfloat16.
 */
final class FusedLayer {
    private static final Map<String, TorchScriptFunction> COMPILED = new ConcurrentHashMap<>();

    private final TorchScriptFunction stateless;
    private final TorchScriptFunction cached;
    private final NDArray[] weights;

    private FusedLayer(
            TorchScriptFunction stateless, TorchScriptFunction cached, NDArray[] weights) {
        this.stateless = stateless;
        this.cached = cached;
        this.weights = weights;
    }

    /**
     * Packs one block's weights, or empty where oneDNN packing is off or unavailable.
     *
     * @param p the block's parameter arrays by name relative to the block ({@code
     *     attn.c_attn.weight}, {@code ln_1.weight}, …)
     */
    static Optional<FusedLayer> of(ModelConfig config, Map<String, NDArray> p) {
        Optional<PackedLinear> attn = PackedLinear.ofInOut(p.get("attn.c_attn.weight"));
        if (attn.isEmpty()) {
            return Optional.empty();
        }
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
        return Optional.of(new FusedLayer(compile(config, false), compile(config, true), weights));
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
        NDArray[] in = new NDArray[weights.length + (cache == null ? 2 : 4)];
        in[0] = x;
        in[1] = bias;
        int at = 2;
        if (cache != null) {
            in[at++] = cache.keys();
            in[at++] = cache.values();
        }
        System.arraycopy(weights, 0, in, at, weights.length);
        return (cache == null ? stateless : cached).apply(in);
    }

    private static TorchScriptFunction compile(ModelConfig config, boolean withCache) {
        String key =
                config.nHead()
                        + "/"
                        + config.layerNormEpsilon()
                        + "/"
                        + config.activation()
                        + "/"
                        + withCache;
        return COMPILED.computeIfAbsent(
                key,
                k ->
                        TorchScriptFunction.compile(
                                withCache ? "Gpt1LayerCached" : "Gpt1Layer",
                                "x: Tensor, bias: Tensor, "
                                        + (withCache ? "keys: Tensor, values: Tensor, " : "")
                                        + "w_attn: Tensor, b_attn: Tensor, w_aproj: Tensor,"
                                        + " b_aproj: Tensor, g1: Tensor, s1: Tensor, w_fc: Tensor,"
                                        + " b_fc: Tensor, w_mproj: Tensor, b_mproj: Tensor,"
                                        + " g2: Tensor, s2: Tensor",
                                body(config, withCache)));
    }

    private static String body(ModelConfig config, boolean withCache) {
        int nh = config.nHead();
        String eps = Double.toString(config.layerNormEpsilon());
        String linear =
                "ops.mkldnn._linear_pointwise(%s, %s, %s, \"none\","
                        + " annotate(List[Optional[number]], []), \"\")";
        StringBuilder s = new StringBuilder();
        line(s, "b = torch.size(x, 0)");
        line(s, "t = torch.size(x, 1)");
        line(s, "d = torch.size(x, 2)");
        line(s, "x2 = torch.reshape(x, [b * t, d])");
        line(s, "qkv = " + String.format(linear, "x2", "w_attn", "b_attn"));
        // columns [q | k | v], head h owning h·hd … (h+1)·hd−1 of each
        line(
                s,
                "qkv = torch.permute(torch.reshape(qkv, [b, t, 3, "
                        + nh
                        + ", -1]), [2, 0, 3, 1, 4])");
        line(s, "q = torch.select(qkv, 0, 0)");
        line(s, "k = torch.select(qkv, 0, 1)");
        line(s, "v = torch.select(qkv, 0, 2)");
        if (withCache) {
            line(s, "end = torch.size(bias, 3)");
            line(s, "start = end - t");
            line(s, "_0 = torch.copy_(torch.narrow(keys, 2, start, t), k)");
            line(s, "_1 = torch.copy_(torch.narrow(values, 2, start, t), v)");
            line(s, "k = torch.narrow(keys, 2, 0, end)");
            line(s, "v = torch.narrow(values, 2, 0, end)");
        }
        line(s, "a = torch.scaled_dot_product_attention(q, k, v, bias)");
        line(s, "a = torch.reshape(torch.permute(a, [0, 2, 1, 3]), [b * t, d])");
        line(s, "a = " + String.format(linear, "a", "w_aproj", "b_aproj"));
        line(s, "n = torch.layer_norm(torch.add(x2, a), [d], g1, s1, " + eps + ")");
        line(s, "h = " + String.format(linear, "n", "w_fc", "b_fc"));
        activation(s, config.activation());
        line(s, "m = " + String.format(linear, "h", "w_mproj", "b_mproj"));
        line(s, "out = torch.layer_norm(torch.add(n, m), [d], g2, s2, " + eps + ")");
        line(s, "return torch.reshape(out, [b, t, d])");
        return s.toString();
    }

    /** h = activation(h), in place. */
    private static void activation(StringBuilder s, Activation activation) {
        switch (activation) {
            case GELU_TANH:
                // x·sigmoid(2u), u = sqrt(2/π)·(x + 0.044715·x³): tanh GELU as FeedForward computes
                // it. gelu(approximate="tanh") needs archive format 10 (format 3's upgrader drops
                // the argument) and measured no faster: 12 against 12–15 ms on 2048 × 3072.
                double c1 = 2 * Math.sqrt(2 / Math.PI);
                line(s, "u = torch.mul(h, h)");
                line(
                        s,
                        "u = torch.mul_(torch.add_(torch.mul_(u, "
                                + c1 * 0.044715
                                + "), "
                                + c1
                                + "), h)");
                line(s, "h = torch.mul_(torch.sigmoid_(u), h)");
                return;
            case GELU_ERF:
                line(s, "h = torch.gelu(h)");
                return;
            case RELU:
                line(s, "h = torch.relu_(h)");
                return;
            case SILU:
                line(s, "h = torch.mul(h, torch.sigmoid(h))");
                return;
            default:
                throw new IllegalStateException("unhandled activation " + activation);
        }
    }

    private static void line(StringBuilder s, String statement) {
        s.append("    ").append(statement).append('\n');
    }
}
