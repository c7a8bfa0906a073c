package dev.gpt1spark.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes a training run's summary record as indented JSON (records become objects, NaN stays NaN).
 */
final class TrainingSummary {
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TrainingSummary() {}

    static void write(Record summary, Path file) {
        try {
            JSON.writeValue(file.toFile(), summary);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
