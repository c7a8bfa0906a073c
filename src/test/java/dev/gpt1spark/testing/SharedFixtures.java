package dev.gpt1spark.testing;

import java.nio.file.Path;

/**
 * Locates the reference fixtures the tests read: {@code src/test/fixtures} of this checkout (copies
 * of the project's shared fixtures; its README says where each came from).
 */
public final class SharedFixtures {

    /** System property that points the tests at another fixtures folder with the same layout. */
    public static final String DIR_PROPERTY = "gpt1.fixtures.dir";

    private SharedFixtures() {}

    /**
     * The fixtures folder: {@value #DIR_PROPERTY} when set, else {@code src/test/fixtures} under
     * the working directory (Maven runs tests from the project folder).
     */
    public static Path dir() {
        String dir = System.getProperty(DIR_PROPERTY);
        return Path.of(dir == null || dir.isBlank() ? "src/test/fixtures" : dir)
                .toAbsolutePath()
                .normalize();
    }

    /** The reference checkpoints, goldens and tokenizer cases, {@code <fixtures>/reference}. */
    public static Path reference() {
        return dir().resolve("reference");
    }

    /** The real GPT-1 release's tokenizer files and params_shapes.json, with OpenAI's licence. */
    public static Path gpt1Tokenizer() {
        return dir().resolve("gpt1-tokenizer");
    }
}
