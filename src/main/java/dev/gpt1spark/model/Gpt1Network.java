package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import dev.gpt1spark.config.ModelConfig;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * GPT-1: token plus learned position embeddings, then n_layer post-LayerNorm blocks. There is no
 * final LayerNorm (unlike GPT-2), and the LM head is the token embedding matrix itself (tied).
 *
 * <p>As a DJL block, {@code forward} takes {@code [ids (B,T) int64]}, optionally followed by {@code
 * positions (B,T) int64} and an additive attention mask {@code (B|1, 1, T, T)}, and returns {@code
 * [hidden (B,T,D)]}. Parameters carry the Hugging Face names ({@code h.0.attn.c_attn.weight}, …),
 * see {@link #forEachParameter}.
 */
public final class Gpt1Network extends AbstractBlock {
    private final ModelConfig config;
    private final Precision precision;
    private final Parameter tokensEmbed = addParameter(Params.weight("tokens_embed.weight"));
    private final Parameter positionsEmbed = addParameter(Params.weight("positions_embed.weight"));
    private final Parameter score;
    private final DecoderLayer[] layers;
    private boolean packLmHead; // set by packWeights: pack the tied embedding on first use
    private volatile UnaryOperator<NDArray> lmHead; // PackedLinear or QuantizedLinear

    /**
     * A block with the given shape computing in {@code precision}; its parameters are set from a
     * checkpoint afterwards, already cast to that precision.
     */
    public Gpt1Network(ModelConfig config, Precision precision) {
        if (config.nEmbd() % config.nHead() != 0) {
            throw new IllegalArgumentException(
                    "n_embd " + config.nEmbd() + " is not divisible by n_head " + config.nHead());
        }
        this.config = config;
        this.precision = precision;
        // The classification head reads the last real token's hidden state (no bias, as in HF).
        this.score = config.hasClassifier() ? addParameter(Params.weight("score.weight")) : null;
        this.layers = new DecoderLayer[config.nLayer()];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = addChildBlock("h." + i, new DecoderLayer(config, precision));
        }
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * Runs the transformer.
     *
     * @param ids token ids (B, T), int64
     * @param positions position ids (B, T), each below n_positions, or null for {@code cacheLength
     *     + 0…T−1}
     * @param mask additive attention mask (B|1, 1, T, past + T), or null for a causal one
     * @param cache keys/values of earlier positions, extended in place; null for a stateless pass
     * @return hidden states of the last block (B, T, D)
     */
    public NDArray hiddenStates(NDArray ids, NDArray positions, NDArray mask, KvCache cache) {
        return run(ids, positions, mask, cache, 0f, false);
    }

    /**
     * Runs the transformer for training: causal, positions 0…T−1, with GPT-1's dropout (the same
     * rate after the embeddings, on attention weights and on both residual branches).
     *
     * @param ids token ids (B, T), int64, right-padded
     * @param dropout the rate (GPT-1: 0.1); 0 gives exactly {@link #hiddenStates}
     * @return hidden states of the last block (B, T, D)
     */
    public NDArray trainingHiddenStates(NDArray ids, float dropout) {
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        return run(ids, null, null, null, dropout, true);
    }

    private NDArray run(
            NDArray ids,
            NDArray positions,
            NDArray mask,
            KvCache cache,
            float dropout,
            boolean training) {
        long t = ids.getShape().get(1);
        long past = cache == null ? 0 : cache.length();
        // Given positions, padding may add columns beyond n_positions; the caller keeps the
        // positions themselves below it.
        if (positions == null && past + t > config.nPositions()) {
            throw new IllegalArgumentException(
                    "sequence of "
                            + (past + t)
                            + " tokens exceeds n_positions "
                            + config.nPositions());
        }
        NDArray pos =
                positions != null
                        ? positions
                        : ids.getManager()
                                .arange((int) past, (int) (past + t), 1, DataType.INT64)
                                .expandDims(0);
        NDArray x = embed(ids, tokensEmbed).add(embed(pos, positionsEmbed)); // (B, T, D)
        x = Dropouts.apply(x, dropout); // embd_pdrop
        NDArray bias =
                mask != null ? mask : AttentionMask.causal(ids.getManager(), t, past, precision);
        for (int i = 0; i < layers.length; i++) {
            // A layer makes some twenty intermediates, up to (B, nh, T, T) each: freed per layer
            // rather than with the batch's manager, peak memory is one layer's worth, not
            // n_layer's (12 GB for an 8192-token batch of 512-token rows otherwise). Autograd
            // keeps its own references to what the backward pass needs.
            NDArray next;
            try (NDScope layerScope = new NDScope()) {
                LayerCache layerCache = cache == null ? null : cache.layer(i);
                next = layers[i].apply(x, bias, layerCache, dropout, training); // (B, T, D)
                NDScope.unregister(next);
            }
            x.close(); // the previous layer's output (or the embeddings): only next is needed
            x = next;
        }
        if (cache != null) {
            cache.advance(t);
        }
        return x;
    }

    /** The number type of the weights, and so of every activation. */
    public Precision precision() {
        return precision;
    }

    /** Next-token logits over the vocabulary: hidden · tokens_embedᵀ, shape (…, V). */
    public NDArray lmLogits(NDArray hidden) {
        UnaryOperator<NDArray> head = packedLmHead();
        if (head != null) {
            return head.apply(hidden);
        }
        return hidden.matMul(tokensEmbed.getArray().transpose());
    }

    /**
     * Packed (or, in int8, quantized) on first use: embed and classify never need the 40,478-row
     * head.
     */
    private UnaryOperator<NDArray> packedLmHead() {
        if (!packLmHead || lmHead != null) {
            return lmHead;
        }
        synchronized (this) {
            if (lmHead == null) {
                lmHead = precision.quantized() ? quantizedLmHead() : fp32LmHead();
                packLmHead = lmHead != null;
            }
            return lmHead;
        }
    }

    private UnaryOperator<NDArray> fp32LmHead() {
        PackedLinear packed = PackedLinear.ofOutIn(tokensEmbed.getArray()).orElse(null);
        if (packed == null) {
            return null;
        }
        NDScope.unregister(packed.packed()); // lives with the model, not a caller's scope
        return packed::apply;
    }

    private UnaryOperator<NDArray> quantizedLmHead() {
        QuantizedLinear quantized = QuantizedLinear.ofOutIn(tokensEmbed.getArray());
        quantized.keepWithModel();
        return quantized::apply;
    }

    /**
     * Prepares inference: every block fused into one TorchScript call ({@link FusedLayer}) and the
     * LM head packed ({@link PackedLinear}) when first used, once the weights are set; they must
     * not change afterwards. A no-op for a precision this CPU only emulates (its blocks stay op by
     * op) and where oneDNN packing is off; int8 refuses a CPU it cannot run on and quantizes its
     * blocks' matrix weights here, once.
     */
    void packWeights() {
        precision.requireRunnable();
        if (!precision.isNative()) {
            return;
        }
        for (DecoderLayer layer : layers) {
            layer.packWeights();
        }
        packLmHead = fused();
    }

    /** Whether inference runs every block as one fused TorchScript call ({@link FusedLayer}). */
    public boolean fused() {
        return layers.length > 0 && layers[0].fused();
    }

    /** Classification logits from pooled hidden states (B, D) → (B, num_labels). */
    public NDArray classLogits(NDArray pooled) {
        if (score == null) {
            throw new IllegalStateException(
                    "this checkpoint has no classification head (score.weight)");
        }
        return pooled.matMul(score.getArray().transpose());
    }

    private static NDArray embed(NDArray ids, Parameter table) {
        return ids.getNDArrayInternal()
                .embedding(ids, table.getArray(), SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /** Visits every parameter with its Hugging Face name, e.g. {@code h.3.mlp.c_fc.bias}. */
    public void forEachParameter(BiConsumer<String, Parameter> visitor) {
        visit(this, "", visitor);
    }

    private static void visit(Block block, String prefix, BiConsumer<String, Parameter> visitor) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            visitor.accept(prefix + p.getKey(), p.getValue());
        }
        for (Pair<String, Block> child : block.getChildren()) {
            // DJL numbers child names ("01attn"); our own names never start with a digit.
            String name = child.getKey().replaceFirst("^\\d+", "");
            visit(child.getValue(), prefix + name + ".", visitor);
        }
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> p) {
        NDArray positions = inputs.size() > 1 ? inputs.get(1) : null;
        NDArray mask = inputs.size() > 2 ? inputs.get(2) : null;
        return new NDList(hiddenStates(inputs.get(0), positions, mask, null));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape ids = inputShapes[0];
        return new Shape[] {new Shape(ids.get(0), ids.get(1), config.nEmbd())};
    }
}
