package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.testing.CommitGate;
import dev.gpt1spark.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two jobs in two JVMs writing one output folder at once: the second is refused while the first
 * holds the lease, and the first's output holds each of its rows exactly once. The first is held
 * midway (CommitGate) until the second has been refused, so the race is decided by the test, not by
 * how fast this machine generates.
 */
class ConcurrentWritersIT {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final int DOCS = 240;

    private static Path corpus(Path file, String prefix, int docs) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            lines.add(
                    "{\"id\":\""
                            + prefix
                            + i
                            + "\",\"text\":\"Document "
                            + i
                            + " is about the sea, ships and the long voyages of sailors.\"}");
        }
        return Files.write(file, lines);
    }

    private static String[] generate(Path input, Path out, String partitions, String mode) {
        return new String[] {
            "generate",
            "--model",
            MODEL,
            "--input",
            input.toString(),
            "--output",
            out.toString(),
            "--max-new-tokens",
            "8",
            "--partitions",
            partitions,
            "--batch-docs",
            "8",
            "--progress-interval",
            "0",
            "--mode",
            mode
        };
    }

    @Test
    void aSecondWriterIsRefusedAndTheFirstWritesEveryRowOnce(@TempDir Path dir) throws Exception {
        Path a = corpus(dir.resolve("a.jsonl"), "a", DOCS);
        Path b = corpus(dir.resolve("b.jsonl"), "b", 40);
        Path out = dir.resolve("out");
        Path gate = CommitGate.jar(dir);
        Path release = dir.resolve("release");
        Process first =
                Gpt1Process.builder(
                                dir.resolve("a.log"),
                                List.of(gate),
                                Args.concat(
                                        generate(a, out, "12", "overwrite"),
                                        CommitGate.sparkConf(2, release, gate)))
                        .start();
        try {
            // only a guard against a hung job: the gate holds the first job until it is opened
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (!CommitGate.reached(release)
                    && first.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(first.isAlive()).as(Files.readString(dir.resolve("a.log"))).isTrue();
            assertThat(out.resolve("_gpt1_lease.json")).exists();

            Process second =
                    Gpt1Process.builder(dir.resolve("b.log"), generate(b, out, "8", "overwrite"))
                            .start();
            assertThat(second.waitFor(10, TimeUnit.MINUTES)).isTrue();
            String secondLog = Files.readString(dir.resolve("b.log"));
            assertThat(first.isAlive())
                    .as("the first job must still run when the second is refused")
                    .isTrue();
            assertThat(second.exitValue()).as(secondLog).isEqualTo(1);
            assertThat(secondLog)
                    .contains(
                            "gpt1 generate: Cannot write to output \""
                                    + out
                                    + "\": it is in use by job ")
                    .contains("(generate, pid " + first.pid());

            CommitGate.open(release);
            assertThat(first.waitFor(20, TimeUnit.MINUTES)).isTrue();
            assertThat(first.exitValue()).as(Files.readString(dir.resolve("a.log"))).isZero();
        } finally {
            first.destroyForcibly();
        }
        Set<String> ids =
                Rows.query(
                        out.toString(),
                        rows -> {
                            Set<String> seen = new HashSet<>();
                            for (Row r : rows.select("id").collectAsList()) {
                                assertThat(seen.add(r.getString(0)))
                                        .as("duplicate %s", r.getString(0))
                                        .isTrue();
                            }
                            return seen;
                        });
        assertThat(ids).hasSize(DOCS).allMatch(id -> id.startsWith("a"));
        assertThat(out.resolve("_gpt1_lease.json")).doesNotExist();
    }
}
