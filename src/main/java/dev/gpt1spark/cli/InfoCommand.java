package dev.gpt1spark.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Reads a checkpoint, checks it, and prints what it holds as one JSON object:",
            "format, n_layer, n_head, n_embd, n_positions, vocab_size, afn, layer_norm_epsilon,"
                    + " parameters, labels, tokenizer, fingerprint and notes (e.g. where n_head"
                    + " came from)."
        })
final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelOptions modelOptions;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(Json.line(CheckpointSummary.of(modelOptions.read())));
        return 0;
    }
}
