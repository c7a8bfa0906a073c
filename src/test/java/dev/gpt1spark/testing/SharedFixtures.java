package dev.gpt1spark.testing;

import java.nio.file.Path;

/** Locates the shared test fixtures folder that Maven passes as {@code gpt1.shared.dir}. */
public final class SharedFixtures {

    private SharedFixtures() {}

    /** The shared folder; {@code ../shared} when the property is unset (e.g. in an IDE). */
    public static Path sharedDir() {
        String dir = System.getProperty("gpt1.shared.dir");
        return Path.of(dir == null || dir.isBlank() ? "../shared" : dir)
                .toAbsolutePath()
                .normalize();
    }

    /** The golden reference outputs, {@code <shared>/reference}. */
    public static Path reference() {
        return sharedDir().resolve("reference");
    }
}
