package dev.gpt1spark.cli;

import dev.gpt1spark.task.TaskKind;
import picocli.CommandLine.Command;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Continues each document (the prompt) with a key/value cache.",
            "Output per line: id, sample_index, continuation, continuation_ids, n_prompt_tokens, n_generated,"
                    + " finish_reason (length|stop), error.",
            "Prompts longer than n_positions - max-new-tokens keep their last tokens."
        })
final class GenerateCommand extends ModelTaskCommand {
    @Override
    TaskKind kind() {
        return TaskKind.GENERATE;
    }
}
