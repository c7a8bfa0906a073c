package dev.gpt1spark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a spark-defaults.conf: {@code key value} per line, {@code #} comments. */
final class SparkDefaults {
    private SparkDefaults() {}

    static Map<String, String> read(Path file) {
        Map<String, String> conf = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return conf;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] kv = l.split("\\s+|=", 2);
                conf.put(kv[0].strip(), kv.length > 1 ? kv[1].strip() : "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return conf;
    }
}
