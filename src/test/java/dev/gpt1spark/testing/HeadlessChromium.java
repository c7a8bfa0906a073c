package dev.gpt1spark.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium, headless and offline, to see a page as a user's browser draws it. Each call
 * starts a fresh browser with its own profile folder and waits for it to exit.
 *
 * <p>Where no Chromium is installed the calling test is skipped with a message saying so, unless
 * {@code GPT1_REQUIRE_CHROMIUM} is set (CI sets it once it has installed Chromium): then the test
 * fails instead, so a missing browser can never pass unnoticed.
 */
public final class HeadlessChromium {
    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final List<String> FLAGS =
            List.of(
                    "--headless",
                    "--no-sandbox", // the tests may run as root
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run");
    private static final long TIMEOUT_S = 180;

    private final Path binary;
    private final Path work;

    private HeadlessChromium(Path binary, Path work) {
        this.binary = binary;
        this.work = work;
    }

    /** The browser, or the test is skipped (or failed when CI requires the browser). */
    public static HeadlessChromium require(Path work) {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message =
                    "Chromium is not installed (apt-get install -y chromium; .ci/run installs it):"
                            + " the page was not checked in a browser";
            if (System.getenv("GPT1_REQUIRE_CHROMIUM") != null) {
                throw new AssertionError(message + ", and GPT1_REQUIRE_CHROMIUM is set");
            }
            Assumptions.abort(message);
        }
        return new HeadlessChromium(found.get(), work);
    }

    /** The page's DOM after Chromium parsed it, serialised. */
    public String dumpDom(Path page) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", page.toUri().toString()), "dom");
    }

    /** A PNG of the page as drawn in a window of the given size. */
    public Path screenshot(Path page, int width, int height)
            throws IOException, InterruptedException {
        Path png = work.resolve("screenshot.png");
        run(
                List.of(
                        "--screenshot=" + png,
                        "--window-size=" + width + "," + height,
                        "--hide-scrollbars",
                        page.toUri().toString()),
                "screenshot");
        assertThat(png).as("Chromium wrote no screenshot").isNotEmptyFile();
        return png;
    }

    private String run(List<String> args, String name) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile-");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.addAll(args);
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        Process process =
                new ProcessBuilder(command)
                        .directory(work.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
        if (!process.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
            throw new AssertionError("Chromium did not finish in " + TIMEOUT_S + " s: " + command);
        }
        assertThat(process.exitValue())
                .as("Chromium exit code; its stderr:\n%s", Files.readString(err))
                .isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static Optional<Path> find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }
}
