package dev.gpt1spark.cli;

import dev.gpt1spark.inference.EmbedOptions;
import dev.gpt1spark.inference.LongInput;
import dev.gpt1spark.inference.MicroBatches;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.task.EmbedSpec;
import dev.gpt1spark.task.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds each document: the last block's hidden states pooled over its real tokens.",
            "Output per line: id, embedding, n_tokens, truncated, n_windows, error."
        })
final class EmbedCommand extends ModelTaskCommand {
    @Option(
            names = "--pooling",
            defaultValue = "mean",
            paramLabel = "mean|last|max",
            description = "How token states become one vector (default: ${DEFAULT-VALUE}).")
    String pooling;

    @Option(names = "--normalize", description = "Scale each embedding to unit L2 norm.")
    boolean normalize;

    @Option(
            names = "--long-input",
            defaultValue = "truncate",
            paramLabel = "truncate|window",
            description =
                    "Documents longer than n_positions: keep the first n_positions tokens, or"
                            + " split into windows and pool them (default: ${DEFAULT-VALUE}).")
    String longInput;

    @Option(
            names = "--window-stride",
            defaultValue = "0",
            paramLabel = "N",
            description = "Tokens between window starts (default: n_positions / 2).")
    int windowStride;

    @Override
    TaskSpec spec() {
        EmbedOptions options =
                new EmbedOptions(
                        Pooling.parse(pooling),
                        normalize,
                        LongInput.parse(longInput),
                        windowStride,
                        runOptions.batchTokens(MicroBatches.FORWARD_BATCH_TOKENS));
        return new EmbedSpec(options);
    }
}
