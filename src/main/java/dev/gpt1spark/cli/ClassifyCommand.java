package dev.gpt1spark.cli;

import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import picocli.CommandLine.Command;

@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classifies each document with the checkpoint's head (score.weight, id2label) on the"
                    + " last real token, as GPT-1 was fine-tuned.",
            "A checkpoint fine-tuned on text pairs (finetune --text2-col) classifies pairs: give"
                    + " each JSON line a \"text2\" or, in a Spark job, name its column with"
                    + " --text2-col.",
            "Output per line: id, label, label_id, probabilities, error."
        })
final class ClassifyCommand extends ModelTaskCommand {
    @Override
    TaskKind kind() {
        return TaskKind.CLASSIFY;
    }

    @Override
    public Settings settings() {
        return super.settings().plus(TaskSettings.TEXT2_COL);
    }

    @Override
    InputSpec jobInput() {
        return super.jobInput().withText2Col(SettingOptions.value(spec, TaskSettings.TEXT2_COL));
    }

    @Override
    public Integer call() {
        if (SettingOptions.value(spec, TaskSettings.TEXT2_COL) != null && !sparkJob.isJob()) {
            // Standard input has no columns to name: each JSON line carries its own text2.
            throw new SettingException(
                    TaskSettings.TEXT2_COL,
                    " is for Spark jobs (--input); on standard input give each line a"
                            + " \"text2\"");
        }
        return super.call();
    }
}
