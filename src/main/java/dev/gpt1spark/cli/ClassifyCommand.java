package dev.gpt1spark.cli;

import dev.gpt1spark.inference.MicroBatches;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.task.ClassifySpec;
import dev.gpt1spark.task.TaskSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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
    @Option(
            names = "--text2-col",
            paramLabel = "NAME",
            description =
                    "Spark jobs: column with each row's second text, for a checkpoint fine-tuned"
                            + " on pairs (required there, refused otherwise; not for text input)."
                            + " A row without it gets an error.")
    String text2Col;

    @Override
    TaskSpec spec() {
        return new ClassifySpec(runOptions.batchTokens(MicroBatches.FORWARD_BATCH_TOKENS));
    }

    @Override
    InputSpec jobInput() {
        return super.jobInput().withText2Col(text2Col);
    }

    @Override
    public Integer call() {
        if (text2Col != null && !sparkJob.isJob()) {
            // Standard input has no columns to name: each JSON line carries its own text2.
            throw new IllegalArgumentException(
                    "--text2-col is for Spark jobs (--input); on standard input give each line a"
                            + " \"text2\"");
        }
        return super.call();
    }
}
