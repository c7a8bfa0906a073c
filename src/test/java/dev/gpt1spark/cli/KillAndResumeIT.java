package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's JVM killed with SIGKILL midway, then {@code --mode resume}: every row exactly once, into
 * a folder and into an Apache Iceberg table. Midway is held by a CommitGate: two chunks committed,
 * the third written and waiting to commit, however fast the machine.
 */
class KillAndResumeIT {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final int DOCS = 240;

    @Test
    void killedRunResumesToExactlyOneRowPerInput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        String[] job = generate(corpus(dir), out);
        long partsAfterKill = killAfterTwoChunks(dir, job, out);

        CliRun resumed = CliRun.of(Args.concat(job, "--mode", "resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode summary = resumed.lines().get(0);
        assertThat(summary.get("chunks_resumed").asLong()).isGreaterThanOrEqualTo(partsAfterKill);
        assertThat(summary.get("rows_out").asLong()).isEqualTo(DOCS);
        assertThat(summary.get("rows_this_run").asLong()).isLessThan(DOCS);

        assertThat(Rows.query(out.toString(), KillAndResumeIT::idsOnceWithoutError)).hasSize(DOCS);
    }

    @Test
    void killedTableRunLeavesTheTableAsItWasAndResumePublishesEveryRowOnce(@TempDir Path dir)
            throws Exception {
        Path warehouse = dir.resolve("warehouse");
        Path staging = dir.resolve("staging");
        String[] job =
                Args.concat(
                        generate(corpus(dir), staging),
                        "--output-table",
                        "lake.db.generated",
                        "--mode",
                        "append",
                        "--conf",
                        "spark.sql.catalog.lake=org.apache.iceberg.spark.SparkCatalog",
                        "--conf",
                        "spark.sql.catalog.lake.type=hadoop",
                        "--conf",
                        "spark.sql.catalog.lake.warehouse=" + warehouse.toUri());
        killAfterTwoChunks(dir, job, staging);
        Path table = warehouse.resolve("db/generated");
        assertThat(table)
                .as("no table after the kill: readers see none of the rows")
                .doesNotExist();

        String[] resume = job.clone();
        resume[Arrays.asList(resume).indexOf("append")] = "resume";
        CliRun resumed = CliRun.of(resume);
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(staging).as("staging folder removed once published").doesNotExist();

        SparkSession spark =
                SparkSession.builder()
                        .master("local[1]")
                        .config("spark.ui.enabled", "false")
                        .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
                        .config("spark.sql.catalog.lake.type", "hadoop")
                        .config("spark.sql.catalog.lake.warehouse", warehouse.toUri().toString())
                        .getOrCreate();
        try {
            assertThat(idsOnceWithoutError(spark.table("lake.db.generated"))).hasSize(DOCS);
            long snapshots = spark.table("lake.db.generated.snapshots").count();
            assertThat(snapshots).as("the job's rows in one commit").isEqualTo(1);
        } finally {
            spark.stop();
        }
    }

    private static Path corpus(Path dir) throws Exception {
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
        return Files.write(corpus, lines);
    }

    private static String[] generate(Path corpus, Path out) {
        return new String[] {
            "generate",
            "--model",
            MODEL,
            "--input",
            corpus.toString(),
            "--output",
            out.toString(),
            "--max-new-tokens",
            "16",
            "--partitions",
            "24",
            "--batch-docs",
            "8",
            "--progress-interval",
            "0"
        };
    }

    /** Kills {@code job} at its third chunk (KilledAtGate) and counts what it committed. */
    private static long killAfterTwoChunks(Path dir, String[] job, Path out) throws Exception {
        KilledAtGate.killAfterTwoChunks(dir, job, () -> committedParts(out) >= 2);
        long partsAfterKill = committedParts(out);
        assertThat(partsAfterKill).isBetween(2L, 23L);
        assertThat(out.resolve("_SUCCESS")).doesNotExist();
        return partsAfterKill;
    }

    /** The ids of the output, each asserted once and without an error. */
    private static Set<String> idsOnceWithoutError(Dataset<Row> output) {
        Set<String> seen = new HashSet<>();
        for (Row r : output.select("id", "error").collectAsList()) {
            assertThat(seen.add(r.getString(0))).as("duplicate %s", r.getString(0)).isTrue();
            assertThat(r.isNullAt(1)).isTrue();
        }
        return seen;
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
