package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Presets;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import picocli.CommandLine.Option;

/** The shape of a new model: a preset, with explicit sizes overriding the preset's. */
final class ModelShapeOptions {
    @Option(
            names = "--preset",
            defaultValue = Presets.TINY,
            paramLabel = "NAME",
            description = "openai-gpt or tiny (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--n-layer", paramLabel = "N", description = "Transformer blocks.")
    Integer nLayer;

    @Option(
            names = "--n-head",
            paramLabel = "N",
            description = "Attention heads (must divide n_embd).")
    Integer nHead;

    @Option(names = "--n-embd", paramLabel = "N", description = "Hidden width.")
    Integer nEmbd;

    @Option(names = "--n-positions", paramLabel = "N", description = "Longest sequence.")
    Integer nPositions;

    @Option(
            names = "--vocab-size",
            paramLabel = "N",
            description =
                    "Vocabulary rows; at least the tokenizer's 40,478 to use the real tokenizer.")
    Integer vocabSize;

    @Option(
            names = "--afn",
            paramLabel = "NAME",
            description = "Activation: gelu (tanh form), gelu_python (erf), relu, silu.")
    String afn;

    /** The preset's configuration with the given overrides, without a head. */
    ModelConfig config() {
        ModelConfig base = Presets.get(preset);
        return new ModelConfig(
                nLayer != null ? nLayer : base.nLayer(),
                nHead != null ? nHead : base.nHead(),
                nEmbd != null ? nEmbd : base.nEmbd(),
                nPositions != null ? nPositions : base.nPositions(),
                vocabSize != null ? vocabSize : base.vocabSize(),
                afn != null ? Activation.fromConfigName(afn) : base.activation(),
                base.layerNormEpsilon(),
                java.util.List.of());
    }
}
