package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.ChildJvm;
import dev.gpt1spark.testing.FailingCommitter;
import dev.gpt1spark.testing.LocalCluster;
import dev.gpt1spark.testing.MiniHdfs;
import dev.gpt1spark.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job on a real cluster: a Spark standalone Master and two Workers as separate JVMs
 * (submit/local-cluster), input, output and the model on a real HDFS, submitted through
 * spark-submit with the job jar, with an injected task failure. The run must equal the fault-free
 * run on the embedded local Spark. An executor killed while tasks run is MultiHostClusterIT's.
 */
class ClusterIT {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final int DOCS = 96;
    private static final String CHUNKS = "12";

    @TempDir static Path dir;
    private static MiniHdfs hdfs;
    private static LocalCluster cluster;
    private static String corpus;

    @BeforeAll
    static void startClusterAndHdfs() throws Exception {
        hdfs = MiniHdfs.start(dir.resolve("hdfs"));
        cluster = LocalCluster.start(dir.resolve("cluster"), 2, 1, "2g");
        Path local = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            lines.add(
                    "{\"id\":\"doc-"
                            + i
                            + "\",\"text\":\"Letter "
                            + i
                            + ": the harbour was quiet when the ships came back from the north.\"}");
        }
        Files.write(local, lines);
        corpus = hdfs.put(local, "/corpus/docs.jsonl");
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void embedOnTheClusterWithAFailedTaskEqualsTheLocalRun() throws Exception {
        String[] job = {
            "embed", "--model", MODEL, "--input", corpus, "--partitions", CHUNKS, "--normalize"
        };
        List<String> local = localRun(job, "embed-local");
        // The same checkpoint, read by the driver from HDFS this time.
        job[2] = hdfs.putFolder(Path.of(MODEL), "/models/tiny-hf");

        String out = hdfs.uri() + "/out/embed";
        // The first attempt of chunk 3 fails after writing its rows; Spark retries it.
        String[] fault = FailingCommitter.sparkConf(3, FailingCommitter.jar(dir));
        CliRun run = CliRun.of(Args.concat(clusterArgs(job, out), fault));
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.lines().get(run.lines().size() - 1);
        assertThat(summary.get("spark_master").asText()).isEqualTo(cluster.masterUrl());
        assertThat(summary.get("rows_out").asLong()).isEqualTo(DOCS);
        assertThat(run.err()).contains(FailingCommitter.message(3));
        assertThat(Rows.sorted(out)).isEqualTo(local);
    }

    private static List<String> localRun(String[] job, String name) {
        Path out = dir.resolve(name);
        CliRun run =
                CliRun.of(Args.concat(job, "--output", out.toString(), "--progress-interval", "0"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = Rows.sorted(out);
        assertThat(rows).hasSize(DOCS);
        return rows;
    }

    private static String[] clusterArgs(String[] job, String out) {
        return Args.concat(
                Args.concat(job, ChildJvm.sparkConf()),
                "--output",
                out,
                "--progress-interval",
                "0",
                "--master",
                cluster.masterUrl(),
                "--conf",
                "spark.executor.memory=1g",
                "--conf",
                "spark.hadoop.dfs.replication=1");
    }
}
