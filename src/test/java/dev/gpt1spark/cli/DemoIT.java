package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.testing.ChildJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, {@code submit/demo}, as a new user runs it, on the demo model the
 * repository ships: every document must come back continued, and the model must have learnt
 * English, which the demo's score job ({@code jobs/score.conf}) measures. The score job runs in
 * this JVM: {@code submit/demo score} differs from {@code submit/demo} only in the job file it
 * names, and a second launcher JVM would add nothing but its start-up.
 */
class DemoIT {
    private static final Path HOME = Path.of(System.getProperty("gpt1.home", ".")).toAbsolutePath();
    private static final long DOCUMENTS = 30;
    // The shipped model: median 546 over the 30 openings (19th-century prose, short); the King
    // James model before it 1,099; a random model scores near the vocabulary size, 40,478.
    private static final double MEDIAN_PERPLEXITY_BOUND = 1000;

    @Test
    void demoScoresEnglishFarBelowChanceAndContinuesEveryDocument(@TempDir Path dir)
            throws Exception {
        String generate = demo(dir);
        assertThat(generate).contains("Parquet written to").contains("continuation");
        CliRun score = CliRun.of("score", "--job", HOME.resolve("jobs/score.conf").toString());
        assertThat(score.exitCode()).as(score.err()).isZero();

        Rows.query(
                HOME.resolve("target/demo-scores").toString(),
                scores -> {
                    assertThat(scores.count()).isEqualTo(DOCUMENTS);
                    assertThat(scores.filter(functions.col("error").isNotNull()).count()).isZero();
                    double median =
                            scores.stat().approxQuantile("perplexity", new double[] {0.5}, 0)[0];
                    return assertThat(median).isLessThan(MEDIAN_PERPLEXITY_BOUND);
                });
        Rows.query(
                HOME.resolve("target/demo-generations").toString(),
                generations -> {
                    assertThat(generations.count()).isEqualTo(DOCUMENTS);
                    assertThat(generations.filter(functions.col("error").isNotNull()).count())
                            .isZero();
                    List<String> continuations =
                            generations
                                    .select("continuation")
                                    .as(Encoders.STRING())
                                    .collectAsList();
                    return assertThat(continuations).allSatisfy(c -> assertThat(c).isNotBlank());
                });
    }

    /** {@code submit/demo}, no arguments: the demo's generate job. */
    private static String demo(Path dir) throws IOException, InterruptedException {
        Path log = dir.resolve("demo.log");
        ProcessBuilder builder =
                new ProcessBuilder(HOME.resolve("submit/demo").toString())
                        .directory(HOME.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
        ChildJvm.environment(builder.environment());
        Process process = builder.start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
