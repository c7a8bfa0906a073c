package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.S3Server;
import dev.gpt1spark.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jobs whose input, model and output are in an S3 bucket (S3Proxy, a real S3 API server in its own
 * JVM), on the embedded Spark and through spark-submit.
 */
class S3JobsIT {
    private static final Path MODEL = SharedFixtures.reference().resolve("tiny-hf");
    private static final Pattern PART = Pattern.compile("part-(\\d+)-.*\\.parquet");

    @TempDir static Path dir;
    private static S3Server s3;
    private static String bucket;
    private static FileSystem fs;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = S3Server.start(dir.resolve("s3"));
        bucket = s3.bucket("corpora");
        fs = s3.fileSystem(bucket);
        fs.copyFromLocalFile(
                new org.apache.hadoop.fs.Path(MODEL.toUri()),
                new org.apache.hadoop.fs.Path(bucket + "/models/tiny-hf"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (fs != null) {
            fs.close();
        }
        if (s3 != null) {
            s3.close();
        }
    }

    @Test
    void scoreFromAndToABucketEqualsTheLocalRun() throws Exception {
        Path corpus = corpus(dir.resolve("score.jsonl"), 40);
        String input = put(corpus, "/in/score.jsonl");
        String[] job = {"score", "--progress-interval", "0", "--partitions", "4"};

        CliRun local =
                CliRun.of(
                        Args.concat(
                                job,
                                "--model",
                                MODEL.toString(),
                                "--input",
                                corpus.toString(),
                                "--output",
                                dir.resolve("score-local").toString()));
        assertThat(local.exitCode()).as(local.err()).isZero();
        String output = bucket + "/out/score";
        CliRun remote =
                CliRun.of(
                        Args.concat(
                                Args.concat(
                                        job,
                                        "--model",
                                        bucket + "/models/tiny-hf",
                                        "--input",
                                        input,
                                        "--output",
                                        output),
                                s3.confArgs()));
        assertThat(remote.exitCode()).as(remote.err()).isZero();
        assertThat(remote.lines().get(0).get("rows_out").asLong()).isEqualTo(40);

        assertThat(Rows.sorted(output, s3.hadoopConf()))
                .hasSize(40)
                .isEqualTo(Rows.sorted(dir.resolve("score-local")));
    }

    @Test
    void runKilledMidwayResumesToEveryRowOnceInTheBucket() throws Exception {
        int docs = 240;
        String input = put(corpus(dir.resolve("generate.jsonl"), docs), "/in/generate.jsonl");
        String output = bucket + "/out/generate";
        String[] job =
                Args.concat(
                        new String[] {
                            "generate",
                            "--model",
                            bucket + "/models/tiny-hf",
                            "--input",
                            input,
                            "--output",
                            output,
                            "--max-new-tokens",
                            "16",
                            "--partitions",
                            "24",
                            "--batch-docs",
                            "8",
                            "--progress-interval",
                            "0"
                        },
                        s3.confArgs());

        // The first run goes through spark-submit, in its own JVM, so that it can be SIGKILLed
        // at its third chunk, two committed.
        KilledAtGate.killAfterTwoChunks(dir, job, () -> committedChunks(output).size() >= 2);
        Set<Integer> afterKill = committedChunks(output);
        assertThat(afterKill.size()).isBetween(2, 23);

        CliRun resumed = CliRun.of(Args.concat(job, "--mode", "resume"));
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        JsonNode summary = resumed.lines().get(0);
        assertThat(summary.get("chunks_resumed").asInt()).isGreaterThanOrEqualTo(afterKill.size());
        assertThat(summary.get("rows_out").asLong()).isEqualTo(docs);
        assertThat(summary.get("rows_this_run").asLong()).isLessThan(docs);

        // Every chunk committed, nothing uncommitted left in the bucket, every id exactly once.
        // (The resumed run may add an empty part-00000: Spark always writes partition 0.)
        assertThat(committedChunks(output)).hasSize(24);
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(output + "/_temporary"))).isFalse();
        Set<String> ids =
                Rows.query(
                        output,
                        s3.hadoopConf(),
                        rows -> {
                            Set<String> seen = new HashSet<>();
                            for (Row r : rows.select("id", "error").collectAsList()) {
                                assertThat(seen.add(r.getString(0)))
                                        .as("duplicate %s", r.getString(0))
                                        .isTrue();
                                assertThat(r.isNullAt(1)).isTrue();
                            }
                            return seen;
                        });
        assertThat(ids).hasSize(docs);
    }

    private static Path corpus(Path file, int docs) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            lines.add(
                    "{\"id\":\"d"
                            + i
                            + "\",\"text\":\"Document "
                            + i
                            + " is about the sea, ships and the long voyages of sailors.\"}");
        }
        return Files.write(file, lines);
    }

    /** Uploads a local file through the S3 API and returns its s3a:// URI. */
    private static String put(Path local, String key) throws IOException {
        String uri = bucket + key;
        fs.copyFromLocalFile(
                new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(uri));
        return uri;
    }

    private static List<String> partObjects(String output) throws IOException {
        List<String> parts = new ArrayList<>();
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(output);
        if (fs.exists(path)) {
            for (FileStatus f : fs.listStatus(path)) {
                if (f.isFile() && PART.matcher(f.getPath().getName()).matches()) {
                    parts.add(f.getPath().getName());
                }
            }
        }
        return parts;
    }

    private static Set<Integer> committedChunks(String output) throws IOException {
        Set<Integer> chunks = new TreeSet<>();
        for (String name : partObjects(output)) {
            Matcher m = PART.matcher(name);
            if (m.matches()) {
                chunks.add(Integer.parseInt(m.group(1)));
            }
        }
        return chunks;
    }
}
