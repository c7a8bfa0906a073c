package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.testing.SharedFixtures;
import dev.gpt1spark.testing.SlowTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What can be checked before a job writes is checked first: one line, and no output folder. */
@SlowTier
class ChecksBeforeOutputTest {
    @TempDir Path dir;

    /** The tiny reference checkpoint, copied so that tokenizer files can be put beside it. */
    private Path modelCopy() throws IOException {
        Path source = SharedFixtures.reference().resolve("tiny-hf");
        Path copy = Files.createDirectories(dir.resolve("model"));
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    @Test
    void anInvalidVocabularyStopsTheJobOnTheDriverInOneLine() throws IOException {
        Path model = modelCopy();
        Files.writeString(model.resolve("merges.txt"), "#version: 0.2\nh e</w>\n");
        Files.writeString(model.resolve("vocab.json"), "{\"hello</w>\": 0, ");
        Path input = Files.write(dir.resolve("docs.txt"), List.of("a document"));
        Path out = dir.resolve("out");
        CliRun run =
                CliRun.of(
                        "score",
                        "--model",
                        model.toString(),
                        "--input",
                        input.toString(),
                        "--output",
                        out.toString(),
                        "--progress-interval",
                        "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip().lines())
                .singleElement()
                .asString()
                .startsWith(
                        "gpt1 score: vocabulary file "
                                + model.resolve("vocab.json")
                                + " is not valid JSON: ");
        assertThat(out).doesNotExist();
    }

    @Test
    void aKeptColumnNamedLikeAnOutputColumnIsRefusedBeforeSparkStarts() throws IOException {
        Path input =
                Files.write(dir.resolve("docs.jsonl"), List.of("{\"text\":\"a\",\"score\":1}"));
        Path out = dir.resolve("out");
        CliRun run =
                CliRun.of(
                        "classify",
                        "--model",
                        SharedFixtures.reference().resolve("tiny-hf").toString(),
                        "--input",
                        input.toString(),
                        "--keep-cols",
                        "score",
                        "--output",
                        out.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo(
                        "gpt1 classify: Cannot keep column \"score\": the jobs write a column of"
                                + " that name");
        assertThat(out).doesNotExist();
    }
}
