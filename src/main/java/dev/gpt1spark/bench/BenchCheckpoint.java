package dev.gpt1spark.bench;

import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.checkpoint.Presets;
import dev.gpt1spark.checkpoint.RandomInit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The random-initialised checkpoint the benchmark runs on, written once (as {@code init} does) into
 * a cache folder and reused: the same preset and seed always give the same weights.
 */
final class BenchCheckpoint {
    private BenchCheckpoint() {}

    /** The checkpoint folder for {@code preset} and {@code seed} under {@code cache}. */
    static Path prepare(Path cache, String preset, long seed) {
        Path dir = cache.resolve(preset + "-seed" + seed);
        if (Files.isDirectory(dir)) {
            return dir;
        }
        try {
            Files.createDirectories(cache);
            // written aside and renamed, so an interrupted write never looks like a checkpoint
            Path partial = Files.createTempDirectory(cache, dir.getFileName() + ".partial");
            CheckpointWriter.writeHf(
                    RandomInit.create(Presets.get(preset), seed), partial, false, true);
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the bench checkpoint under " + cache + ": " + e.getMessage(), e);
        }
    }
}
