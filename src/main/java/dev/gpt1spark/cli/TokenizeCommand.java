package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.task.TokenizeTask;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {
            "Tokenizes each document with GPT-1's BPE (Hugging Face fast semantics).",
            "Output per line: id, ids, tokens, n_tokens, error."
        })
final class TokenizeCommand implements Callable<Integer>, SettingOptions.Declaring {
    @ParentCommand Gpt1Cli parent;
    @Spec CommandSpec spec;
    @Mixin RunOptions runOptions;
    @Mixin SparkJobOptions sparkJob;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description =
                    "Use the tokenizer files of this checkpoint (default: the real GPT-1 tokenizer).")
    Path model;

    @Override
    public Settings settings() {
        return TaskKind.TOKENIZE.options();
    }

    @Override
    public Integer call() {
        int batchDocs = SettingOptions.value(spec, TaskSettings.BATCH_DOCS);
        if (sparkJob.isJob()) {
            return SparkJobLauncher.run(
                    TaskSpec.of(TaskKind.TOKENIZE),
                    model == null ? null : model.toString(),
                    null,
                    Precision.DEFAULT, // tokenizing computes nothing
                    batchDocs,
                    sparkJob.inputSpec(),
                    sparkJob,
                    parent,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
        }
        try (Gpt1Tokenizer tokenizer = open();
                DocumentTask task = new TokenizeTask(tokenizer)) {
            new JsonLinesRunner(task, batchDocs, spec.commandLine().getOut())
                    .run(runOptions.texts, parent.in());
        }
        return 0;
    }

    private Gpt1Tokenizer open() {
        if (model == null) {
            return Gpt1Tokenizer.bundled();
        }
        Checkpoint checkpoint = CheckpointReader.read(model, null);
        return checkpoint
                .tokenizerFiles()
                .map(Gpt1Tokenizer::load)
                .orElseGet(Gpt1Tokenizer::bundled);
    }
}
