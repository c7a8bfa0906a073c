package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model} and what is needed to read it. */
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

    @Option(
            names = "--n-head",
            paramLabel = "N",
            description =
                    "Attention heads, for an OpenAI-format checkpoint without a config.json"
                            + " (default: n_embd / 64, the real GPT-1's head width).")
    Integer nHead;

    Checkpoint read() {
        return CheckpointReader.read(Path.of(model), nHead);
    }
}
