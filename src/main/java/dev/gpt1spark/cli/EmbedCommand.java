package dev.gpt1spark.cli;

import dev.gpt1spark.task.TaskKind;
import picocli.CommandLine.Command;

@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        description = {
            "Embeds each document: the last block's hidden states pooled over its real tokens.",
            "Output per line: id, embedding, n_tokens, truncated, n_windows, error."
        })
final class EmbedCommand extends ModelTaskCommand {
    @Override
    TaskKind kind() {
        return TaskKind.EMBED;
    }
}
