package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's JVM killed with SIGKILL midway, then {@code --mode resume}: every row exactly once. */
class KillAndResumeIT {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final int DOCS = 600;

    @Test
    void killedRunResumesToExactlyOneRowPerInput(@TempDir Path dir) throws Exception {
        Path corpus = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            lines.add(
                    "{\"id\":\"d"
                            + i
                            + "\",\"text\":\"Document "
                            + i
                            + " is about the sea, ships and the long voyages of sailors.\"}");
        }
        Files.write(corpus, lines);
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
            "24",
            "--batch-docs",
            "8",
            "--progress-interval",
            "0"
        };

        Process first =
                Gpt1Process.builder(
                                dir.resolve("first.log"), Args.concat(job, "--master", "local[1]"))
                        .start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (committedParts(out) < 2 && first.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(first.isAlive())
                .as(
                        "the job must still run when it is killed: "
                                + Files.readString(dir.resolve("first.log")))
                .isTrue();
        // SIGKILL the spark-submit JVM (driver and local executor) first, then its launcher:
        // no shutdown hooks, no cleanup.
        for (ProcessHandle child : first.descendants().toList()) {
            child.destroyForcibly();
            child.onExit().get(30, TimeUnit.SECONDS);
        }
        first.destroyForcibly().waitFor();
        long partsAfterKill = committedParts(out);
        assertThat(partsAfterKill).isBetween(2L, 23L);
        assertThat(out.resolve("_SUCCESS")).doesNotExist();

        CliRun resumed = CliRun.of(Args.concat(job, "--mode", "resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode summary = resumed.lines().get(0);
        assertThat(summary.get("chunks_resumed").asLong()).isGreaterThanOrEqualTo(partsAfterKill);
        assertThat(summary.get("rows_out").asLong()).isEqualTo(DOCS);
        assertThat(summary.get("rows_this_run").asLong()).isLessThan(DOCS);

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
        assertThat(ids).hasSize(DOCS);
    }

    private static long committedParts(Path out) throws Exception {
        if (!Files.isDirectory(out)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(p -> p.getFileName().toString().matches("part-\\d+-.*\\.parquet"))
                    .count();
        }
    }
}
