package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.settings.Spelling;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a checkpoint (either format) in the Hugging Face layout: config.json,"
                    + " model.safetensors and, when the source has them, the tokenizer files as"
                    + " vocab.json and merges.txt."
        })
final class ConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ModelOptions modelOptions;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Folder to write; must not hold a checkpoint yet.")
    Path out;

    @Option(names = "--float16", description = "Store the weights as float16 (half the size).")
    boolean float16;

    @Override
    public Integer call() {
        Checkpoint checkpoint = modelOptions.read();
        checkpoint
                .notes(Spelling.FLAG)
                .forEach(note -> spec.commandLine().getErr().println("note: " + note));
        CheckpointWriter.writeHf(checkpoint, out, float16);
        spec.commandLine()
                .getErr()
                .println("wrote " + out + " (" + checkpoint.parameterCount() + " parameters)");
        return 0;
    }
}
