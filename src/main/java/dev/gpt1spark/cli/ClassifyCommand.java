package dev.gpt1spark.cli;

import dev.gpt1spark.task.ClassifySpec;
import dev.gpt1spark.task.TaskSpec;
import picocli.CommandLine.Command;

@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classifies each document with the checkpoint's head (score.weight, id2label) on the"
                    + " last real token, as GPT-1 was fine-tuned.",
            "Output per line: id, label, label_id, probabilities, error."
        })
final class ClassifyCommand extends ModelTaskCommand {
    @Override
    TaskSpec spec() {
        return new ClassifySpec(runOptions.batchTokens);
    }
}
