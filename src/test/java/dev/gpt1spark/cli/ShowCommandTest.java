package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.testing.SlowTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gpt1 show} reads a job's output in the format the job wrote it. */
@SlowTier
class ShowCommandTest {
    @TempDir Path dir;

    @AfterEach
    void noSessionLeft() {
        assertThat(SparkSession.getActiveSession().isDefined()).isFalse();
    }

    /** Tokenizes three documents into {@code format} and returns what show prints of it. */
    private CliRun showTokenized(String format) throws IOException {
        Path corpus = dir.resolve("docs.txt");
        Files.write(corpus, List.of("The first document.", "A second one.", "A third."));
        Path out = dir.resolve(format);
        CliRun job =
                CliRun.of(
                        "tokenize",
                        "--input",
                        corpus.toString(),
                        "--output",
                        out.toString(),
                        "--output-format",
                        format,
                        "--progress-interval",
                        "0");
        assertThat(job.exitCode()).as(job.err()).isZero();
        return CliRun.of("show", "--input", out.toString());
    }

    @Test
    void showsAnOrcOutput() throws IOException {
        CliRun show = showTokenized("orc");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains(" |-- id: string", " |-- tokens: array", "3 rows");
    }

    @Test
    void showsAJsonOutput() throws IOException {
        CliRun show = showTokenized("json");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains(" |-- id: string", " |-- tokens: array", "3 rows");
    }

    @Test
    void showsAParquetOutput() throws IOException {
        CliRun show = showTokenized("parquet");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains(" |-- id: string", " |-- tokens: array", "3 rows");
    }
}
