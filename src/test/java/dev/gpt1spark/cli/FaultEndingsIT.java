package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.SharedFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job ended from outside says so in its last line, and {@code --mode resume} then writes every
 * row once: Ctrl-C (SIGINT to the launcher, whose embedded Spark is the driver) and a full disk (a
 * small tmpfs, so this test needs root, like the multi-host harness).
 */
class FaultEndingsIT {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();

    @Test
    void ctrlCEndsWithOneLineThatSaysHowToResume(@TempDir Path dir) throws Exception {
        Path corpus = corpus(dir.resolve("docs.jsonl"), 400, 1);
        Path out = dir.resolve("out");
        String[] job = {
            "generate",
            "--model",
            MODEL,
            "--input",
            corpus.toString(),
            "--output",
            out.toString(),
            "--max-new-tokens",
            "60",
            "--partitions",
            "16",
            "--batch-docs",
            "8",
            "--progress-interval",
            "0"
        };
        Path log = dir.resolve("first.log");
        Process first = Gpt1Process.builder(log, job).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (committedParts(out) < 2 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(first.isAlive()).as("still running: " + Files.readString(log)).isTrue();
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(first.pid())).start();
        assertThat(kill.waitFor()).isZero();
        assertThat(first.waitFor(2, TimeUnit.MINUTES)).as("ended after SIGINT").isTrue();

        String printed = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(first.exitValue()).as(printed).isEqualTo(130);
        assertThat(lastLine(printed))
                .isEqualTo(
                        "gpt1 generate: interrupted before the job finished; the chunks committed"
                                + " to "
                                + out
                                + " are kept: run the same command with --mode resume to finish"
                                + " it");
        assertThat(printed).doesNotContain("INTERNAL_ERROR", "You hit a bug in Spark");

        CliRun resumed = CliRun.of(Args.concat(job, "--mode", "resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertEveryIdOnce(out, 400, resumed.lines().get(0));
    }

    @Test
    void aFullDiskEndsWithOneLineThatNamesTheSpace(@TempDir Path dir) throws Exception {
        assertThat(ProcessHandle.current().info().user().orElse(""))
                .as("mounting a small file system needs root")
                .isEqualTo("root");
        Path corpus = randomWords(dir.resolve("docs.jsonl"), 3000);
        Path disk = Files.createDirectories(dir.resolve("disk"));
        mount(disk, "size=512k");
        try {
            Path out = disk.resolve("out");
            String[] job = {
                "tokenize",
                "--input",
                corpus.toString(),
                "--output",
                out.toString(),
                "--partitions",
                "24",
                "--progress-interval",
                "0"
            };
            CliRun full = CliRun.of(job);
            assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
            assertThat(lastLine(full.err()))
                    .startsWith(
                            "gpt1 tokenize: no space left on the device of the output "
                                    + out
                                    + " (")
                    .contains("No space left on device")
                    .endsWith(
                            "); the chunks committed so far are kept: free space, then run the"
                                    + " same command with --mode resume");
            assertThat(full.err()).doesNotContain("[TASK_WRITE_FAILED]");

            run("mount", "-o", "remount,size=64m", disk.toString());
            CliRun resumed = CliRun.of(Args.concat(job, "--mode", "resume"));
            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertEveryIdOnce(out, 3000, resumed.lines().get(0));
        } finally {
            run("umount", "-l", disk.toString());
        }
    }

    private static Path corpus(Path file, int docs, int sentences) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            String text =
                    ("Document " + i + " is about the sea, ships and the voyages of sailors. ")
                            .repeat(sentences);
            lines.add("{\"id\":\"d" + i + "\",\"text\":\"" + text + "\"}");
        }
        return Files.write(file, lines);
    }

    /** Documents of random letters: their token ids compress badly, so the output is large. */
    private static Path randomWords(Path file, int docs) throws IOException {
        Random random = new Random(16);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 100; w++) {
                for (int c = 3 + random.nextInt(6); c > 0; c--) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                text.append(' ');
            }
            lines.add("{\"id\":\"d" + i + "\",\"text\":\"" + text + "\"}");
        }
        return Files.write(file, lines);
    }

    private static void assertEveryIdOnce(Path out, int docs, JsonNode summary) {
        assertThat(summary.get("rows_out").asLong()).isEqualTo(docs);
        assertThat(summary.get("chunks_resumed").asLong()).isPositive();
        Set<String> ids =
                Rows.query(
                        out.toString(),
                        output -> {
                            Set<String> seen = new HashSet<>();
                            for (Row r : output.select("id", "error").collectAsList()) {
                                assertThat(seen.add(r.getString(0)))
                                        .as("duplicate %s", r.getString(0))
                                        .isTrue();
                                assertThat(r.isNullAt(1)).isTrue();
                            }
                            return seen;
                        });
        assertThat(ids).hasSize(docs);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static void mount(Path at, String options) throws Exception {
        run("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + said).isZero();
    }

    private static long committedParts(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("part-\\d+-.*\\.parquet"))
                    .count();
        }
    }
}
