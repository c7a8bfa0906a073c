package dev.gpt1spark.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the in-process command line from other test packages. */
public final class CliRunner {
    private CliRunner() {}

    /** Runs a command with a file as standard input and returns its JSON lines. */
    public static List<Map<String, Object>> jsonLines(Path stdin, String... args) {
        try {
            CliRun run = CliRun.withInput(Files.readString(stdin, StandardCharsets.UTF_8), args);
            if (run.exitCode() != 0) {
                throw new IllegalStateException("exit " + run.exitCode() + ": " + run.err());
            }
            ObjectMapper json = new ObjectMapper();
            List<Map<String, Object>> out = new ArrayList<>();
            for (String line : run.out().split("\n")) {
                if (!line.isBlank()) {
                    out.add(json.readValue(line, new TypeReference<Map<String, Object>>() {}));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command and returns exit code, standard output and standard error. */
    public static String[] run(String... args) {
        CliRun run = CliRun.of(args);
        return new String[] {Integer.toString(run.exitCode()), run.out(), run.err()};
    }
}
