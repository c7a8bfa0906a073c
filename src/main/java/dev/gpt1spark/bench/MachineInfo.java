package dev.gpt1spark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on, and how busy it was (Linux /proc; "unknown" elsewhere). */
final class MachineInfo {
    private MachineInfo() {}

    /** The CPU's model name and the vector extensions that decide reduced-precision speed. */
    static String cpu() {
        String model = "unknown";
        String flags = "";
        for (String line : lines("/proc/cpuinfo")) {
            if (line.startsWith("model name") && model.equals("unknown")) {
                model = line.substring(line.indexOf(':') + 1).strip();
            } else if (line.startsWith("flags") && flags.isEmpty()) {
                StringBuilder wanted = new StringBuilder();
                for (String f : line.substring(line.indexOf(':') + 1).strip().split(" ")) {
                    if (f.equals("avx2")
                            || f.equals("avx512f")
                            || f.equals("avx512_bf16")
                            || f.equals("avx512_fp16")
                            || f.startsWith("amx")) {
                        wanted.append(' ').append(f);
                    }
                }
                flags = wanted.toString();
            }
        }
        return model + flags;
    }

    /** The 1, 5 and 15-minute load averages: above the core count, figures are disturbed. */
    static String loadAverage() {
        String[] parts = String.join(" ", lines("/proc/loadavg")).split(" ");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "unknown";
    }

    private static Iterable<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return java.util.List.of();
        }
    }
}
