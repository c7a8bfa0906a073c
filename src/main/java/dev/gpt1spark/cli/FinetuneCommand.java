package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.model.TorchThreads;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.train.FineTuneJob;
import dev.gpt1spark.train.FinetuneSettings;
import dev.gpt1spark.train.LabelledText;
import dev.gpt1spark.train.TrainingData;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        description = {
            "Fine-tunes GPT-1 for classification as in the paper: a linear head (score.weight) on"
                    + " the last token, input `_start_ text _classify_` or, with --text2-col,"
                    + " `_start_ text _delimiter_ text2 _classify_` (the three tokens are appended"
                    + " to the vocabulary), loss = classification + 0.5 × language model, Adam"
                    + " with decoupled weight decay, warm-up then linear decay.",
            "The data is read with Spark and collected; training runs in this process. Writes a"
                    + " Hugging Face checkpoint that `classify` reads, and finetune_summary.json"
                    + " (accuracy and macro-F1 per epoch) beside it; the summary is also printed.",
            "Defaults: lr 6.25e-5 (GPT-1's), or 1e-3 with --head-only (only a linear layer on"
                    + " fixed features learns, so it takes far larger steps)."
        })
final class FinetuneCommand implements Callable<Integer>, SettingOptions.Declaring {
    static final double LR = 6.25e-5;
    static final double HEAD_ONLY_LR = 1e-3;

    @Spec CommandSpec spec;
    @Mixin ModelOptions modelOptions;
    @Mixin TrainingInputOptions input;
    @Mixin TrainingRecipeOptions recipe;

    @Option(
            names = "--text2-col",
            paramLabel = "NAME",
            description = "Column with the second text of a pair task (entailment, similarity).")
    String text2Col;

    @Option(
            names = "--lm-weight",
            defaultValue = "0.5",
            paramLabel = "W",
            description =
                    "Weight of the auxiliary language-model loss (default: ${DEFAULT-VALUE}).")
    double lmWeight;

    @Option(
            names = "--head-only",
            description = "Train only the head on the frozen model's features (fast).")
    boolean headOnly;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "DIR",
            description = "Local folder for the fine-tuned checkpoint; must not hold one yet.")
    Path output;

    @Override
    public Settings settings() {
        return FinetuneSettings.ALL;
    }

    @Override
    public Integer call() {
        if (recipe.threads != null) {
            TorchThreads.set(recipe.threads);
        }
        Checkpoint checkpoint = modelOptions.read();
        List<LabelledText> rows =
                input.read(
                        "gpt1 finetune",
                        spark ->
                                TrainingData.labelled(
                                        spark,
                                        input.spec().withText2Col(text2Col),
                                        SettingOptions.value(spec, FinetuneSettings.LABEL_COL)));
        FineTuneJob.Settings settings =
                new FineTuneJob.Settings(
                        recipe.options(headOnly ? HEAD_ONLY_LR : LR, lmWeight),
                        headOnly,
                        text2Col != null,
                        output);
        FineTuneJob.Outcome outcome =
                FineTuneJob.run(checkpoint, rows, settings, spec.commandLine().getErr()::println);
        spec.commandLine().getOut().println(Json.line(outcome.summary()));
        return 0;
    }
}
