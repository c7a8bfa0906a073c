package dev.gpt1spark.checkpoint;

import dev.gpt1spark.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes a checkpoint in the Hugging Face layout: {@code config.json}, {@code model.safetensors}
 * with unprefixed names, and the tokenizer files as {@code vocab.json} + {@code merges.txt} when
 * the checkpoint has them.
 *
 * <p>This converts the OpenAI release to the layout that Hugging Face's {@code from_pretrained} and
 * this project both read, and optionally halves its size with F16.
 *
 * <pre>{@code
 * CheckpointWriter.writeHf(CheckpointReader.read(openAiDir, 12), hfDir, false);
 * }</pre>
 */
public final class CheckpointWriter {

    private CheckpointWriter() {}

    /**
     * Writes {@code checkpoint} to {@code outDir}, creating it if needed and refusing to replace
     * existing files.
     *
     * @param float16 store the weights as F16 (half the size, about 3 significant digits)
     * @throws CheckpointException when an output file exists or cannot be written
     */
    public static void writeHf(Checkpoint checkpoint, Path outDir, boolean float16) {
        writeHf(checkpoint, outDir, float16, false);
    }

    /**
     * Writes {@code checkpoint} to {@code outDir}.
     *
     * @param float16 store the weights as F16 instead of F32
     * @param overwrite replace existing output files instead of refusing
     * @throws CheckpointException when an output file exists and {@code overwrite} is false, {@code
     *     outDir} is the checkpoint's own folder, or a file cannot be written
     */
    public static void writeHf(
            Checkpoint checkpoint, Path outDir, boolean float16, boolean overwrite) {
        Path config = outDir.resolve(HfCheckpointReader.CONFIG_FILE);
        Path weights = outDir.resolve(HfCheckpointReader.WEIGHTS_FILE);
        Optional<TokenizerFiles> tokenizer = checkpoint.tokenizerFiles();
        List<Path> outputs = new ArrayList<>(List.of(config, weights));
        tokenizer.ifPresent(
                t -> {
                    outputs.add(outDir.resolve("vocab.json"));
                    outputs.add(outDir.resolve("merges.txt"));
                });
        try {
            // the source's tensors may be mappings of files in this very folder
            if (checkpoint.directory() != null
                    && Files.isDirectory(outDir)
                    && Files.isSameFile(checkpoint.directory(), outDir)) {
                throw new CheckpointException(
                        outDir + ": is the checkpoint's own folder; write to another one");
            }
            for (Path output : outputs) {
                if (!overwrite && Files.exists(output)) {
                    throw new CheckpointException(
                            output
                                    + ": already exists (overwrite it explicitly or pick another folder)");
                }
            }
            Files.createDirectories(outDir);
            Safetensors.write(weights, checkpoint.tensors().values(), float16);
            HfConfig.write(checkpoint.config(), float16, config);
            if (tokenizer.isPresent()) {
                Files.copy(
                        tokenizer.get().vocab(),
                        outputs.get(2),
                        StandardCopyOption.REPLACE_EXISTING);
                Files.copy(
                        tokenizer.get().merges(),
                        outputs.get(3),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CheckpointException(outDir + ": cannot write: " + e.getMessage(), e);
        }
    }
}
