package dev.gpt1spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where submit/gpt1 lives: its conf/ folder and the built jars under target/. */
final class ProjectHome {
    private ProjectHome() {}

    /** {@code -Dgpt1.home} (set by submit/gpt1), else the working directory. */
    static Path get() {
        String home = System.getProperty("gpt1.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }

    static Path conf(String name) {
        return get().resolve("conf").resolve(name);
    }

    static Path target(String name) {
        Path p = get().resolve("target").resolve(name);
        if (!Files.exists(p)) {
            throw new IllegalStateException(
                    p + " is missing: build the project first (mvn package)");
        }
        return p;
    }
}
