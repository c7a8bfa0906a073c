package dev.gpt1spark.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A job file ({@code jobs/*.conf}): {@code key = value} lines whose keys are the command's long
 * option names without {@code --}, plus {@code spark.*} settings. It supplies defaults, so the
 * command line wins over the file and the file over the built-in defaults (picocli's default
 * provider does exactly that).
 */
final class JobFile implements IDefaultValueProvider {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final Map<String, String> sparkConf = new LinkedHashMap<>();

    /**
     * Reads and checks a job file against a command.
     *
     * @throws IllegalArgumentException naming the file and every unknown key
     */
    JobFile(Path file, CommandSpec command) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot read job file " + file + ": " + e.getMessage(), e);
        }
        Set<String> known = new TreeSet<>();
        for (OptionSpec o : command.options()) {
            known.add(o.longestName().replaceFirst("^--", ""));
        }
        known.removeAll(List.of("job", "help", "version", "conf"));
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(props.stringPropertyNames())) {
            String value = props.getProperty(key).strip();
            if (key.startsWith("spark.")) {
                sparkConf.put(key, value);
            } else if (known.contains(key)) {
                options.put(key, value);
            } else {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Cannot use job file "
                            + file
                            + ": unknown key"
                            + (unknown.size() > 1 ? "s " : " ")
                            + String.join(", ", unknown)
                            + " for "
                            + command.name()
                            + " (known: "
                            + String.join(", ", known)
                            + ", spark.*)");
        }
    }

    Map<String, String> sparkConf() {
        return sparkConf;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec) {
            return options.get(((OptionSpec) arg).longestName().replaceFirst("^--", ""));
        }
        return null;
    }
}
