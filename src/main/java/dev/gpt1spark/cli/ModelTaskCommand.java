package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.inference.AccuracyBar;
import dev.gpt1spark.inference.PrecisionProbe;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.model.TorchThreads;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.TaskSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that loads a model and streams documents through one of its tasks. */
abstract class ModelTaskCommand implements Callable<Integer> {
    @ParentCommand Gpt1Cli parent;
    @Spec CommandSpec spec;
    @Mixin ModelOptions modelOptions;
    @Mixin PrecisionOption precisionOption;
    @Mixin RunOptions runOptions;
    @Mixin SparkJobOptions sparkJob;

    /** What this command does to each document, from its options. */
    abstract TaskSpec spec();

    /** The corpus of a Spark job (--input); a command may read more of its columns. */
    InputSpec jobInput() {
        return sparkJob.inputSpec();
    }

    @Override
    public Integer call() {
        if (sparkJob.isJob()) {
            return SparkJobLauncher.run(
                    spec(),
                    modelOptions.model,
                    modelOptions.nHead,
                    precisionOption.get(),
                    runOptions.batchDocs,
                    jobInput(),
                    sparkJob,
                    parent,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        if (runOptions.threads != null) {
            TorchThreads.set(runOptions.threads);
        }
        Precision precision = precisionOption.get();
        Checkpoint checkpoint = modelOptions.read();
        checkpoint.notes().forEach(note -> spec.commandLine().getErr().println("note: " + note));
        if (precision == null) {
            AccuracyBar bar = AccuracyBar.of(spec().command());
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
                DocumentTask task = spec().create(model)) {
            new JsonLinesRunner(task, runOptions.batchDocs, spec.commandLine().getOut())
                    .run(runOptions.texts, parent.in());
        }
        return 0;
    }
}
