package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.inference.AccuracyBar;
import dev.gpt1spark.inference.PrecisionProbe;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * A command that loads a model and streams documents through one of its tasks. Its options are the
 * command's settings ({@link TaskKind#options()}) and {@code --precision}, added by {@link
 * SettingOptions}, plus the model, input and job options.
 */
abstract class ModelTaskCommand implements Callable<Integer>, SettingOptions.Declaring {
    @ParentCommand Gpt1Cli parent;
    @Spec CommandSpec spec;
    @Mixin ModelOptions modelOptions;
    @Mixin RunOptions runOptions;
    @Mixin SparkJobOptions sparkJob;

    /** The task this command runs. */
    abstract TaskKind kind();

    @Override
    public Settings settings() {
        return kind().options().plus(TaskSettings.PRECISION);
    }

    /** What this command does to each document, from its options. */
    final TaskSpec taskSpec() {
        return TaskSpec.of(kind(), SettingOptions.given(spec, kind().settings()));
    }

    /** The corpus of a Spark job (--input); a command may read more of its columns. */
    InputSpec jobInput() {
        return sparkJob.inputSpec();
    }

    @Override
    public Integer call() {
        TaskSpec task = taskSpec();
        Precision precision =
                Precision.parseOrAuto(SettingOptions.value(spec, TaskSettings.PRECISION));
        int batchDocs = SettingOptions.value(spec, TaskSettings.BATCH_DOCS);
        if (sparkJob.isJob()) {
            return SparkJobLauncher.run(
                    task,
                    modelOptions.model,
                    modelOptions.nHead(),
                    precision,
                    batchDocs,
                    jobInput(),
                    sparkJob,
                    parent,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        runOptions.threads.apply();
        Checkpoint checkpoint = modelOptions.read();
        task.check(checkpoint.config());
        checkpoint
                .notes(Spelling.FLAG)
                .forEach(note -> spec.commandLine().getErr().println("note: " + note));
        if (precision == null) {
            AccuracyBar bar = AccuracyBar.of(task.command());
            PrecisionProbe.Choice choice = PrecisionProbe.choose(checkpoint, bar);
            precision = choice.precision();
            spec.commandLine()
                    .getErr()
                    .println(
                            "note: --precision auto chose "
                                    + precision.label()
                                    + " ("
                                    + bar.description()
                                    + "; drift "
                                    + choice.drift().summary()
                                    + ")");
        }
        try (Gpt1Model model = Gpt1Model.load(checkpoint, precision);
                DocumentTask documents = task.create(model)) {
            new JsonLinesRunner(
                            documents,
                            batchDocs,
                            spec.commandLine().getOut(),
                            task.samplesPerRow(),
                            task.indexesSamples(),
                            task.rowColumns())
                    .run(runOptions.texts, parent.in());
        }
        return 0;
    }
}
