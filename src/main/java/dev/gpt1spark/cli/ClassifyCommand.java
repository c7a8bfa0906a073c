package dev.gpt1spark.cli;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.task.ClassifyTask;
import dev.gpt1spark.task.DocumentTask;
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
    DocumentTask task(Gpt1Model model) {
        return new ClassifyTask(model, runOptions.batchTokens);
    }
}
