package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.settings.Spelling;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin CheckpointOutput output;

    @Override
    public Integer call() {
        Checkpoint checkpoint = modelOptions.read();
        checkpoint
                .notes(Spelling.FLAG)
                .forEach(note -> spec.commandLine().getErr().println("note: " + note));
        spec.commandLine().getErr().println(output.write(checkpoint));
        return 0;
    }
}
