package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.inference.MicroBatches;
import dev.gpt1spark.testing.SharedFixtures;
import dev.gpt1spark.testing.SlowTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark jobs started from the command line, with job files and their precedence. */
@SlowTier
class CliSparkJobTest {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    @TempDir Path dir;

    @AfterEach
    void noSessionLeft() {
        assertThat(SparkSession.getActiveSession().isDefined()).isFalse();
    }

    private Path corpus() throws IOException {
        Path file = dir.resolve("docs.txt");
        Files.write(
                file, List.of("The first document.", "", "A second, longer document about Spark."));
        return file;
    }

    @Test
    void aJobFileSuppliesOptionsAndTheCommandLineWins() throws IOException {
        Path job = dir.resolve("embed.conf");
        Files.write(
                job,
                List.of(
                        "# a comment",
                        "model = " + MODEL,
                        "input = " + corpus(),
                        "output = " + dir.resolve("out"),
                        "pooling = max",
                        "normalize = true",
                        "spark.sql.shuffle.partitions = 3"));
        CliRun run =
                CliRun.of(
                        "embed",
                        "--job",
                        job.toString(),
                        "--pooling",
                        "last",
                        "--progress-interval",
                        "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.lines().get(0);
        assertThat(summary.get("rows_in").asLong()).isEqualTo(3);
        assertThat(summary.get("rows_out").asLong()).isEqualTo(3);
        assertThat(summary.get("rows_with_error").asLong()).isEqualTo(1);
        assertThat(summary.get("options").get("pooling").asText()).isEqualTo("last");
        assertThat(summary.get("options").get("normalize").asBoolean()).isTrue();
        assertThat(summary.get("options").get("batch_tokens").asInt())
                .as("a forward pass's default budget")
                .isEqualTo(MicroBatches.FORWARD_BATCH_TOKENS);
        assertThat(summary.get("input").get("path").asText()).isEqualTo(corpus().toString());
        assertThat(dir.resolve("out").resolve("_gpt1_summary.json")).exists();
        assertThat(run.err()).contains("gpt1 embed: 3 rows in, 3 rows out (1 with error)");

        CliRun again = CliRun.of("embed", "--job", job.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already exists; use --mode overwrite");
    }

    @Test
    void unknownKeysAndBadValuesAreRejectedByName() throws IOException {
        Path job = dir.resolve("bad.conf");
        Files.write(job, List.of("model = " + MODEL, "poolng = max", "colour = red"));
        CliRun run = CliRun.of("embed", "--job", job.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip())
                .startsWith(
                        "gpt1: Cannot use job file "
                                + job
                                + ": unknown keys colour, poolng for embed (known: ");

        Files.write(job, List.of("model = " + MODEL, "max-new-tokens = many"));
        CliRun badValue = CliRun.of("generate", "--job", job.toString(), "--text", "x");
        assertThat(badValue.exitCode()).isEqualTo(2);
        assertThat(badValue.err()).contains("--max-new-tokens").contains("many");

        CliRun badMode =
                CliRun.of(
                        "score",
                        "--model",
                        MODEL,
                        "--input",
                        corpus().toString(),
                        "--output",
                        dir.resolve("o").toString(),
                        "--mode",
                        "append");
        assertThat(badMode.exitCode()).isEqualTo(1);
        assertThat(badMode.err())
                .contains("Cannot set --mode to append, expected error, overwrite or resume");
    }

    @Test
    void aRunWhoseRowsOutDifferFromItsRowsInFailsWithBothCounts() throws IOException {
        Path out = dir.resolve("tok");
        String[] args = {
            "tokenize",
            "--input",
            corpus().toString(),
            "--output",
            out.toString(),
            "--partitions",
            "2",
            "--progress-interval",
            "0"
        };
        assertThat(CliRun.of(args).exitCode()).isZero();
        // A second copy of a committed chunk, as a concurrent writer or a hand copy leaves it.
        try (var parts = Files.list(out)) {
            Path part =
                    parts.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .findFirst()
                            .orElseThrow();
            Files.copy(
                    part,
                    out.resolve(part.getFileName().toString().replace(".snappy", "-copy.snappy")));
        }
        long copied = Rows.query(out.toString(), rows -> rows.count()) - 3;
        String[] resume = java.util.Arrays.copyOf(args, args.length + 2);
        resume[args.length] = "--mode";
        resume[args.length + 1] = "resume";
        CliRun run = CliRun.of(resume);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo(
                        "gpt1 tokenize: 3 rows in but "
                                + (3 + copied)
                                + " rows out: "
                                + out
                                + " does not hold exactly one row per input row (summary in"
                                + " _gpt1_summary.json)");
    }

    @Test
    void tokenizeRunsAsAJobWithoutAModel() throws IOException {
        CliRun run =
                CliRun.of(
                        "tokenize",
                        "--input",
                        corpus().toString(),
                        "--output",
                        dir.resolve("tok").toString(),
                        "--progress-interval",
                        "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.lines().get(0).get("rows_out").asLong()).isEqualTo(3);
        assertThat(run.lines().get(0).get("model").isNull()).isTrue();

        // Reader and writer options and the output format, from the command line.
        Path tsv = dir.resolve("docs.tsv");
        Files.write(tsv, List.of("id\ttext", "a\tone, two", "b\tthree"));
        Path orc = dir.resolve("orc");
        CliRun options =
                CliRun.of(
                        "tokenize",
                        "--input",
                        tsv.toString(),
                        "--input-format",
                        "csv",
                        "--input-option",
                        "sep=\\t",
                        "--output",
                        orc.toString(),
                        "--output-format",
                        "orc",
                        "--output-option",
                        "compression=zlib",
                        "--progress-interval",
                        "0");
        assertThat(options.exitCode()).as(options.err()).isZero();
        JsonNode summary = options.lines().get(0);
        assertThat(summary.get("rows_with_error").asLong()).isZero();
        assertThat(summary.at("/input/input_option/sep").asText()).isEqualTo("\\t");
        assertThat(summary.at("/output_writer/output_format").asText()).isEqualTo("orc");
        try (var files = Files.list(orc)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .filteredOn(name -> name.startsWith("part-"))
                    .isNotEmpty()
                    .allMatch(name -> name.endsWith(".zlib.orc"));
        }
        CliRun unknown =
                CliRun.of(
                        "tokenize",
                        "--input",
                        tsv.toString(),
                        "--input-format",
                        "xml",
                        "--output",
                        dir.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err().strip())
                .isEqualTo(
                        "gpt1 tokenize: Cannot set --input-format to xml, expected auto, text,"
                                + " jsonl, json, csv, parquet, orc or avro");
    }
}
