package dev.gpt1spark.checkpoint;

import dev.gpt1spark.settings.Setting;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a GPT-1 checkpoint folder in either format, telling them apart by their files.
 *
 * <ul>
 *   <li>{@code params_shapes.json}: the original OpenAI release ({@code params_N.npy}, with an
 *       optional Hugging Face-style {@code config.json} beside it for n_head);
 *   <li>{@code config.json} and {@code model.safetensors}: the Hugging Face layout.
 * </ul>
 *
 * <p>Tokenizer files in the folder ({@code vocab.json} + {@code merges.txt} or {@code
 * encoder_bpe_40000.json} + {@code vocab_40000.bpe}) are picked up too. Every problem is one {@link
 * CheckpointException} whose message names the file and, where there is one, the tensor.
 *
 * <pre>{@code
 * Checkpoint gpt1 = CheckpointReader.read(Path.of("finetune-transformer-lm/model"), 12);
 * }</pre>
 */
public final class CheckpointReader {

    /**
     * n_head for a checkpoint that does not state it; without it (and without a config.json that
     * states it), n_head is n_embd / 64.
     */
    public static final Setting<Integer> N_HEAD =
            Setting.integer(
                            "n-head",
                            null,
                            "Attention heads, for an OpenAI-format checkpoint without a"
                                    + " config.json")
                    .must("positive", n -> n > 0)
                    .defaultDoc("n_embd / 64, the real GPT-1's head width");

    private CheckpointReader() {}

    /** Reads {@code dir} with no n_head override. */
    public static Checkpoint read(Path dir) {
        return read(dir, null);
    }

    /**
     * Reads {@code dir}.
     *
     * @param nHeadOverride n_head when the folder cannot say it (the OpenAI release never does), or
     *     null; it must agree with a {@code config.json} that states n_head. Without either, n_head
     *     is n_embd/64 (12 for GPT-1), as the notes record.
     * @throws CheckpointException when the folder is neither format or the checkpoint is broken
     * @throws dev.gpt1spark.settings.SettingException when the override is not positive
     */
    public static Checkpoint read(Path dir, Integer nHeadOverride) {
        if (!Files.isDirectory(dir)) {
            throw new CheckpointException(
                    dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory"));
        }
        if (Files.exists(dir.resolve(OpenAiCheckpointReader.SHAPES_FILE))) {
            return OpenAiCheckpointReader.read(dir, nHeadOverride);
        }
        Path config = dir.resolve(HfCheckpointReader.CONFIG_FILE);
        Path weights = dir.resolve(HfCheckpointReader.WEIGHTS_FILE);
        boolean hasConfig = Files.exists(config);
        boolean hasWeights = Files.exists(weights);
        if (hasConfig && hasWeights) {
            return HfCheckpointReader.read(dir, nHeadOverride);
        }
        if (hasConfig) {
            String hint =
                    Files.exists(dir.resolve("pytorch_model.bin"))
                            ? "; pytorch_model.bin is not supported, convert it to safetensors"
                            : "";
            throw new CheckpointException(
                    weights
                            + ": missing file (config.json is there, so this looks like a"
                            + " Hugging Face checkpoint"
                            + hint
                            + ")");
        }
        if (hasWeights) {
            throw new CheckpointException(
                    config
                            + ": missing file (model.safetensors is there, so this looks like a"
                            + " Hugging Face checkpoint)");
        }
        if (Files.exists(dir.resolve("params_0.npy"))) {
            throw new CheckpointException(
                    dir.resolve(OpenAiCheckpointReader.SHAPES_FILE)
                            + ": missing file (params_0.npy is there, so this looks like the"
                            + " OpenAI release)");
        }
        throw new CheckpointException(
                dir
                        + ": not a GPT-1 checkpoint: found neither params_shapes.json (OpenAI"
                        + " release) nor config.json + model.safetensors (Hugging Face)");
    }
}
