package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.settings.SettingValues;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.train.PretrainJob;
import dev.gpt1spark.train.PretrainSettings;
import dev.gpt1spark.train.PretrainSummary;
import dev.gpt1spark.train.TrainingData;
import dev.gpt1spark.train.TrainingOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "pretrain",
        mixinStandardHelpOptions = true,
        description = {
            "Pre-trains a GPT-1-shaped model with the language-model objective on a corpus:"
                    + " documents are tokenized, joined as running text and cut into blocks;"
                    + " Adam with decoupled weight decay, warm-up then linear decay, dropout.",
            "Starts from a random model (--preset and explicit sizes, seeded by --seed) or from"
                    + " --init-from DIR. The corpus is read with Spark and collected; training"
                    + " runs in this process.",
            "Writes OUT/epoch-N (float32 checkpoint, optimizer.safetensors and"
                    + " pretrain_state.json) after every epoch, OUT/final at the end and"
                    + " OUT/pretrain_summary.json (validation perplexity per epoch), also printed."
                    + " --resume continues from the latest OUT/epoch-N: weights, epoch, step count"
                    + " and Adam's moments (the schedule, shuffling and optimiser continue"
                    + " exactly; dropout draws other masks).",
            "The default lr is GPT-1's pre-training peak."
        })
final class PretrainCommand implements Callable<Integer>, SettingOptions.Declaring {
    @Spec CommandSpec spec;
    @Mixin TrainingInputOptions input;
    @Mixin ThreadsOption threads;
    @Mixin ModelShapeOptions shape;

    @Option(
            names = "--init-from",
            paramLabel = "DIR",
            description = "Continue training this checkpoint instead of a random model.")
    Path initFrom;

    @Option(names = "--float16", description = "Store the final model as float16 (half the size).")
    boolean float16;

    @Override
    public Settings settings() {
        return PretrainSettings.ALL;
    }

    @Override
    public Integer call() {
        SettingValues values = SettingOptions.values(spec, settings());
        TrainingOptions recipe = PretrainSettings.recipe(values);
        threads.apply();
        Checkpoint initial =
                initFrom != null
                        ? CheckpointReader.read(initFrom, null)
                        : RandomInit.create(shape.config(), recipe.seed());
        List<String> texts =
                input.read("gpt1 pretrain", spark -> TrainingData.texts(spark, input.spec()));
        PretrainSummary summary =
                PretrainJob.run(
                        initial,
                        texts,
                        new PretrainJob.Settings(
                                recipe,
                                values.get(PretrainSettings.BLOCK_SIZE),
                                Path.of(values.get(PretrainSettings.OUTPUT)),
                                values.get(PretrainSettings.RESUME),
                                float16),
                        spec.commandLine().getErr()::println);
        spec.commandLine().getOut().println(Json.line(summary));
        return 0;
    }
}
