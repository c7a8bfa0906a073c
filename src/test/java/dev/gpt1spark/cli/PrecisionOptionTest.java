package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.testing.SharedFixtures;
import dev.gpt1spark.testing.SlowTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --precision} in-process and in a Spark job, where the executors' model must use it. */
@SlowTier
class PrecisionOptionTest {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final String TEXT = "Reduced precision should barely move an embedding.";

    @Test
    void inProcessEmbeddingsInFp16AndBf16StayCloseToFp32() {
        double[] exact = embedding("fp32");
        for (String precision : List.of("fp16", "bf16")) {
            assertThat(cosine(embedding(precision), exact)).as(precision).isGreaterThan(0.9999);
        }
    }

    @Test
    void int8RunsInProcessAndAsAJobWhichRecordsIt(@TempDir Path dir) throws IOException {
        assumeTrue(Precision.INT8.isNative(), "this CPU has no AVX2: int8 is refused");
        // in-process: close to fp32 (docs/precision.md's bars) but not equal
        double cosine = cosine(embedding("int8"), embedding("fp32"));
        assertThat(cosine).isGreaterThan(0.999).isLessThan(1 - 1e-9);
        double fp32 = score("fp32");
        assertThat(score("int8")).isCloseTo(fp32, Percentage.withPercentage(0.2));

        Path corpus = Files.write(dir.resolve("docs.txt"), List.of(TEXT, "A second document."));
        CliRun run =
                CliRun.of(
                        "score",
                        "--model",
                        MODEL,
                        "--precision",
                        "int8",
                        "--input",
                        corpus.toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--progress-interval",
                        "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.lines().get(0);
        assertThat(summary.get("precision").asText()).isEqualTo("int8");
        assertThat(summary.get("precision_requested").asText()).isEqualTo("int8");
        assertThat(summary.get("rows_with_error").asLong()).isZero();
        assertThat(summary.get("rows_out").asLong()).isEqualTo(2);
    }

    @Test
    void anUnknownPrecisionIsRefusedWithTheChoices() {
        CliRun run = CliRun.of("embed", "--model", MODEL, "--precision", "int4", "--text", TEXT);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("fp32, fp16, bf16 or int8");
    }

    @Test
    void aSparkJobRecordsAndUsesItsPrecision(@TempDir Path dir) throws IOException {
        Path corpus = Files.write(dir.resolve("docs.txt"), List.of(TEXT, "A second document."));
        CliRun run =
                CliRun.of(
                        "embed",
                        "--model",
                        MODEL,
                        "--precision",
                        "bf16",
                        "--input",
                        corpus.toString(),
                        "--output",
                        dir.resolve("out").toString(),
                        "--progress-interval",
                        "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.lines().get(0);
        assertThat(summary.get("precision").asText()).isEqualTo("bf16");
        assertThat(summary.get("rows_with_error").asLong()).isZero();
        assertThat(summary.get("rows_out").asLong()).isEqualTo(2);
    }

    @Test
    void autoIsTheDefaultChosenOnceRecordedWithItsDriftAndKeptOnResume(@TempDir Path dir)
            throws IOException {
        Path corpus = Files.write(dir.resolve("docs.txt"), List.of(TEXT, "A second document."));
        Path out = dir.resolve("out");
        String[] job = {
            "score",
            "--model",
            MODEL,
            "--input",
            corpus.toString(),
            "--output",
            out.toString(),
            "--progress-interval",
            "0"
        };
        CliRun first = CliRun.of(job);
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode summary = first.lines().get(0);
        assertThat(summary.get("precision_requested").asText()).isEqualTo("auto");
        // whichever this CPU computes natively and meets the bar: never assumed here
        String chosen = summary.get("precision").asText();
        assertThat(Precision.parse(chosen).isNative()).isTrue();
        JsonNode drift = summary.get("precision_drift");
        assertThat(drift.get("bar").asText()).isEqualTo("NLL within 0.1%");
        assertThat(drift.get("max_nll_drift").asDouble()).isBetween(0.0, 1e-3);
        JsonNode record = new ObjectMapper().readTree(out.resolve("_gpt1_job.json").toFile());
        assertThat(record.get("precision").asText()).isEqualTo(chosen);
        assertThat(record.get("precision_drift")).isEqualTo(drift);

        // a resumed run computes in the recorded precision, not a new choice
        ObjectNode edited = (ObjectNode) record;
        edited.put("precision", "fp32");
        new ObjectMapper().writeValue(out.resolve("_gpt1_job.json").toFile(), edited);
        Files.delete(out.resolve("._gpt1_job.json.crc")); // Hadoop's checksum of the old text
        String[] resume = Arrays.copyOf(job, job.length + 2);
        resume[job.length] = "--mode";
        resume[job.length + 1] = "resume";
        CliRun again = CliRun.of(resume);
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.lines().get(0).get("precision").asText()).isEqualTo("fp32");
        assertThat(again.lines().get(0).get("precision_requested").asText()).isEqualTo("auto");
    }

    private static double[] embedding(String precision) {
        CliRun run = CliRun.of("embed", "--model", MODEL, "--precision", precision, "--text", TEXT);
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode vector = run.lines().get(0).get("embedding");
        double[] out = new double[vector.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = vector.get(i).asDouble();
        }
        return out;
    }

    private static double score(String precision) {
        CliRun run = CliRun.of("score", "--model", MODEL, "--precision", precision, "--text", TEXT);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run.lines().get(0).get("nll").asDouble();
    }

    private static double cosine(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        return dot / Math.sqrt(na * nb);
    }
}
