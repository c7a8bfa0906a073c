package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.testing.ChildJvm;
import dev.gpt1spark.testing.SharedFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job through spark-submit (Spark's own, from the project classpath), launched as submit/gpt1
 * launches it, equals the embedded run, and the cluster's spark-defaults.conf applies to it.
 */
class SparkSubmitIT {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();

    @Test
    void generateThroughSparkSubmitEqualsTheEmbeddedRunUnderTheClustersDefaults(@TempDir Path dir)
            throws Exception {
        Path corpus = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(
                    "{\"id\":\"d"
                            + i
                            + "\",\"text\":\"Document "
                            + i
                            + " talks about the sea and the ships.\"}");
        }
        Files.write(corpus, lines);
        String[] common = {
            "generate",
            "--model",
            MODEL,
            "--input",
            corpus.toString(),
            "--strategy",
            "sample",
            "--seed",
            "5",
            "--max-new-tokens",
            "5",
            "--progress-interval",
            "0",
            "--partitions",
            "4"
        };
        CliRun embedded =
                CliRun.of(Args.concat(common, "--output", dir.resolve("embedded").toString()));
        assertThat(embedded.exitCode()).as(embedded.err()).isZero();

        Path events = Files.createDirectories(dir.resolve("events"));
        Path confDir = Files.createDirectories(dir.resolve("spark-conf"));
        Files.writeString(
                confDir.resolve("spark-defaults.conf"),
                "spark.eventLog.enabled true\n"
                        + "spark.eventLog.compress false\n"
                        + "spark.eventLog.dir "
                        + events.toUri()
                        + "\n");
        Path log = dir.resolve("gpt1.log");
        ProcessBuilder builder =
                Gpt1Process.builder(
                        log,
                        Args.concat(
                                Args.concat(common, ChildJvm.sparkConf()),
                                "--output",
                                dir.resolve("submitted").toString(),
                                "--master",
                                "local[2]",
                                "--name",
                                "continuations of the sea"));
        builder.environment().put("SPARK_CONF_DIR", confDir.toString());
        builder.environment().remove("SPARK_HOME");
        Process process = builder.start();
        assertThat(process.waitFor()).as(Files.readString(log)).isZero();

        List<String> printed = Files.readAllLines(log);
        String last = null;
        for (String line : printed) {
            if (line.startsWith("{")) {
                last = line; // the summary: the one JSON line on standard output
            }
        }
        assertThat(last).as(String.join("\n", printed)).isNotNull();
        JsonNode summary = new ObjectMapper().readTree(last);
        assertThat(summary.get("spark_master").asText()).isEqualTo("local[2]");
        assertThat(summary.get("rows_out").asLong()).isEqualTo(20);
        assertThat(Rows.sorted(dir.resolve("submitted")))
                .isEqualTo(Rows.sorted(dir.resolve("embedded")));

        // the event log the cluster's spark-defaults.conf asked for, under the name --name gave
        // (Spark 4 rolls event logs: one folder per application, its events in files inside)
        List<Path> written;
        try (var files = Files.walk(events)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).as(Files.readString(log)).isNotEmpty();
        StringBuilder text = new StringBuilder();
        for (Path file : written) {
            text.append(Files.readString(file));
        }
        assertThat(text).contains("\"App Name\":\"continuations of the sea\"");
    }
}
