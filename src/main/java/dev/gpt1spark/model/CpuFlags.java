package dev.gpt1spark.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The feature flags of the CPU this JVM runs on, as Linux lists them in {@code /proc/cpuinfo}
 * ({@code avx2}, {@code avx512_bf16}, {@code amx_fp16}, …); none where that file is absent.
 */
public final class CpuFlags {
    private static final Set<String> FLAGS = read(Path.of("/proc/cpuinfo"));

    private CpuFlags() {}

    /** This CPU's flags. */
    public static Set<String> get() {
        return FLAGS;
    }

    /** The flags of the first {@code flags} line of a cpuinfo listing. */
    static Set<String> parse(List<String> cpuinfo) {
        for (String line : cpuinfo) {
            if (line.startsWith("flags") && line.indexOf(':') > 0) {
                String list = line.substring(line.indexOf(':') + 1).strip();
                return list.isEmpty() ? Set.of() : Set.of(list.split("\\s+"));
            }
        }
        return Set.of();
    }

    private static Set<String> read(Path cpuinfo) {
        try {
            return parse(Files.readAllLines(cpuinfo));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }
}
