package dev.gpt1spark.cli;

import dev.gpt1spark.task.TaskKind;
import picocli.CommandLine.Command;

@Command(
        name = "score",
        mixinStandardHelpOptions = true,
        description = {
            "Scores each document with the language model (natural log, nats).",
            "Output per line: id, nll (sum), mean_nll, perplexity, n_tokens, n_scored, error.",
            "The first token has no context and is not scored; a one-token document has"
                    + " n_scored 0, nll 0 and null mean_nll/perplexity. Longer than n_positions:"
                    + " sliding windows, each token scored once with at least"
                    + " n_positions - stride tokens of context."
        })
final class ScoreCommand extends ModelTaskCommand {
    @Override
    TaskKind kind() {
        return TaskKind.SCORE;
    }
}
