package dev.gpt1spark.checkpoint;

import dev.gpt1spark.config.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical tensor names and shapes of a GPT-1 checkpoint: Hugging Face's unprefixed names, in
 * the order embeddings, blocks, classification head.
 *
 * <p>Both readers map their file's names onto these once, and check every shape against them, so
 * the rest of the project sees one naming. Conv1D weights are {@code [in, out]}: {@code y = x W +
 * b}, unlike {@code nn.Linear}.
 */
public final class CheckpointNames {

    /** Token embedding {@code [vocab_size, n_embd]}; also the tied LM head. */
    public static final String TOKENS_EMBED = "tokens_embed.weight";

    /** Learned position embedding {@code [n_positions, n_embd]}. */
    public static final String POSITIONS_EMBED = "positions_embed.weight";

    /** Sequence-classification head {@code [num_labels, n_embd]}, no bias. */
    public static final String SCORE = "score.weight";

    /**
     * One expected tensor.
     *
     * @param name canonical name
     * @param shape dimensions, outermost first
     */
    public record TensorSpec(String name, long[] shape) {

        public TensorSpec {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Number of values. */
        public long size() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }

        @Override
        public String toString() {
            return name + " " + Arrays.toString(shape);
        }
    }

    private CheckpointNames() {}

    /** Every tensor {@code config} implies, in canonical order. */
    public static List<TensorSpec> expected(ModelConfig config) {
        return expected(
                config.nLayer(),
                config.nEmbd(),
                config.nPositions(),
                config.vocabSize(),
                config.labels().size());
    }

    /** The canonical name of a tensor in block {@code layer}, e.g. {@code h.3.ln_1.weight}. */
    public static String block(int layer, String suffix) {
        return "h." + layer + "." + suffix;
    }

    static List<TensorSpec> expected(
            int nLayer, long nEmbd, long nPositions, long vocabSize, int nLabels) {
        long d = nEmbd;
        List<TensorSpec> specs = new ArrayList<>(2 + 12 * nLayer + 1);
        specs.add(new TensorSpec(TOKENS_EMBED, new long[] {vocabSize, d}));
        specs.add(new TensorSpec(POSITIONS_EMBED, new long[] {nPositions, d}));
        for (int i = 0; i < nLayer; i++) {
            // the order of the OpenAI release's params_shapes.json, block by block
            specs.add(new TensorSpec(block(i, "attn.c_attn.weight"), new long[] {d, 3 * d}));
            specs.add(new TensorSpec(block(i, "attn.c_attn.bias"), new long[] {3 * d}));
            specs.add(new TensorSpec(block(i, "attn.c_proj.weight"), new long[] {d, d}));
            specs.add(new TensorSpec(block(i, "attn.c_proj.bias"), new long[] {d}));
            specs.add(new TensorSpec(block(i, "ln_1.weight"), new long[] {d}));
            specs.add(new TensorSpec(block(i, "ln_1.bias"), new long[] {d}));
            specs.add(new TensorSpec(block(i, "mlp.c_fc.weight"), new long[] {d, 4 * d}));
            specs.add(new TensorSpec(block(i, "mlp.c_fc.bias"), new long[] {4 * d}));
            specs.add(new TensorSpec(block(i, "mlp.c_proj.weight"), new long[] {4 * d, d}));
            specs.add(new TensorSpec(block(i, "mlp.c_proj.bias"), new long[] {d}));
            specs.add(new TensorSpec(block(i, "ln_2.weight"), new long[] {d}));
            specs.add(new TensorSpec(block(i, "ln_2.bias"), new long[] {d}));
        }
        if (nLabels > 0) {
            specs.add(new TensorSpec(SCORE, new long[] {nLabels, d}));
        }
        return specs;
    }

    /** Whether the tensor is a Conv1D weight, stored {@code [1, in, out]} by the OpenAI release. */
    static boolean isConv1dWeight(String name) {
        return name.endsWith("c_attn.weight")
                || name.endsWith("c_proj.weight")
                || name.endsWith("c_fc.weight");
    }

    /** Whether the tensor is a LayerNorm gain (initialised to 1). */
    static boolean isLayerNormGain(String name) {
        return name.endsWith("ln_1.weight") || name.endsWith("ln_2.weight");
    }
}
