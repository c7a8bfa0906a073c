package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.config.ModelConfig;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a randomly initialised GPT-1 checkpoint (Hugging Face layout) of a preset or"
                    + " of explicit sizes; the same seed gives the same weights.",
            "Initialisation as GPT-1: weights N(0, 0.02²), biases 0, LayerNorm gain 1 and bias 0.",
            "Presets: openai-gpt (12 layers, 12 heads, 768, 512 positions: 116,534,784"
                    + " parameters), tiny (2, 4, 64, 128). Explicit sizes override the preset's."
        })
final class InitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ModelShapeOptions shape;

    @Option(
            names = "--seed",
            defaultValue = "0",
            paramLabel = "N",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin CheckpointOutput output;

    @Option(
            names = "--labels",
            split = ",",
            paramLabel = "A,B,…",
            description = "Add a classification head (score.weight) with these labels.")
    List<String> labels;

    @Override
    public Integer call() {
        ModelConfig config = shape.config().withLabels(labels != null ? labels : List.of());
        Checkpoint checkpoint = RandomInit.create(config, seed);
        spec.commandLine().getErr().println(output.write(checkpoint));
        return 0;
    }
}
