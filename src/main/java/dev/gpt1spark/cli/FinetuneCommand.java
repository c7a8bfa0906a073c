package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.settings.SettingValues;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.train.FineTuneJob;
import dev.gpt1spark.train.FinetuneSettings;
import dev.gpt1spark.train.LabelledText;
import dev.gpt1spark.train.TrainingData;
import dev.gpt1spark.train.TrainingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "finetune",
        mixinStandardHelpOptions = true,
        description = {
            "Fine-tunes GPT-1 for classification as in the paper: a linear head (score.weight) on"
                    + " the last token, input `_start_ text _classify_` or, with --text2-col,"
                    + " `_start_ text _delimiter_ text2 _classify_` (the three tokens are appended"
                    + " to the vocabulary), loss = classification + --lm-weight × language model, Adam"
                    + " with decoupled weight decay, warm-up then linear decay.",
            "The data is read with Spark and collected; training runs in this process. Writes a"
                    + " Hugging Face checkpoint that `classify` reads, and finetune_summary.json"
                    + " (accuracy and macro-F1 per epoch) beside it; the summary is also printed.",
            "The default lr is GPT-1's, or far larger with --head-only (only a linear layer on"
                    + " fixed features learns, so it takes far larger steps)."
        })
final class FinetuneCommand implements Callable<Integer>, SettingOptions.Declaring {
    @Spec CommandSpec spec;
    @Mixin ModelOptions modelOptions;
    @Mixin TrainingInputOptions input;
    @Mixin ThreadsOption threads;

    @Override
    public Settings settings() {
        return FinetuneSettings.ALL;
    }

    @Override
    public Integer call() {
        SettingValues values = SettingOptions.values(spec, settings());
        String text2Col = values.get(FinetuneSettings.TEXT2_COL);
        TrainingOptions recipe = FinetuneSettings.recipe(values);
        threads.apply();
        Checkpoint checkpoint = modelOptions.read();
        List<LabelledText> rows =
                input.read(
                        "gpt1 finetune",
                        spark ->
                                TrainingData.labelled(
                                        spark,
                                        input.spec().withText2Col(text2Col),
                                        values.get(FinetuneSettings.LABEL_COL)));
        FineTuneJob.Settings settings =
                new FineTuneJob.Settings(
                        recipe,
                        values.get(FinetuneSettings.HEAD_ONLY),
                        text2Col != null,
                        Path.of(values.get(FinetuneSettings.OUTPUT)));
        FineTuneJob.Outcome outcome =
                FineTuneJob.run(checkpoint, rows, settings, spec.commandLine().getErr()::println);
        spec.commandLine().getOut().println(Json.line(outcome.summary()));
        return 0;
    }
}
