package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where {@code init} and {@code convert} write their checkpoint, and in which number type. */
final class CheckpointOutput {
    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Folder to write; must not hold a checkpoint yet.")
    Path out;

    @Option(names = "--float16", description = "Store the weights as float16 (half the size).")
    boolean float16;

    /** Writes {@code checkpoint} in the Hugging Face layout; returns the line that reports it. */
    String write(Checkpoint checkpoint) {
        CheckpointWriter.writeHf(checkpoint, out, float16);
        return "wrote " + out + " (" + checkpoint.parameterCount() + " parameters)";
    }
}
