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
 * repository ships: it must have learnt English, and every document must come back.
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
        String generate = demo(dir, "generate");
        assertThat(generate).contains("Parquet written to").contains("continuation");
        demo(dir, "score");

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

    private static String demo(Path dir, String command) throws IOException, InterruptedException {
        Path log = dir.resolve("demo-" + command + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(HOME.resolve("submit/demo").toString(), command)
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
