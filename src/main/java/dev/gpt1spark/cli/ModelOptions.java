package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --model} and what is needed to read it: {@code --n-head}, which {@link Gpt1Cli} adds from
 * its setting ({@link CheckpointReader#N_HEAD}).
 */
final class ModelOptions {
    @Option(
            names = "--model",
            required = true,
            paramLabel = "DIR",
            description =
                    "Checkpoint folder, either format: the original OpenAI release"
                            + " (params_shapes.json + params_*.npy) or Hugging Face"
                            + " (config.json + model.safetensors). Spark jobs also take a"
                            + " Hadoop URI (hdfs://…, s3a://…): the driver copies it locally.")
    String model;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    /** The n_head override, checked; null when none was given. */
    Integer nHead() {
        return SettingOptions.value(mixee, CheckpointReader.N_HEAD);
    }

    Checkpoint read() {
        return CheckpointReader.read(Path.of(model), nHead());
    }
}
