package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An output that is, contains or lies inside an input is refused before anything is deleted. */
class OutputOverlapTest extends SparkTestBase {
    private static final Configuration CONF = new Configuration();
    @TempDir Path dir;
    private Path corpus;
    private Path file;

    @BeforeEach
    void writeCorpus() {
        corpus = dir.resolve("corpus");
        file = CorpusFiles.writeLines(corpus.resolve("a.jsonl"), List.of("{\"text\":\"hello\"}"));
    }

    private String refusal(String output, String input) {
        Throwable e =
                org.assertj.core.api.Assertions.catchThrowable(
                        () -> OutputOverlap.check(output, input, CONF));
        assertThat(e).isInstanceOf(IllegalArgumentException.class);
        return e.getMessage();
    }

    private static String local(Path p) throws IOException {
        return "file:" + p.toRealPath();
    }

    @Test
    void overwritingTheInputFolderIsRefusedAndTheInputSurvives() throws IOException {
        String folder = corpus.toString();
        JobOptions job =
                new JobOptions(
                        TaskSpec.of(TaskKind.TOKENIZE),
                        null,
                        null,
                        Precision.FP32,
                        InputSpec.of(folder),
                        folder,
                        OutputMode.OVERWRITE,
                        2,
                        8,
                        0);
        assertThatThrownBy(() -> JobRunner.run(spark, job))
                .hasMessage(
                        "Cannot write to output \""
                                + folder
                                + "\": it is the input \""
                                + folder
                                + "\" ("
                                + local(corpus)
                                + " and "
                                + local(corpus)
                                + "); choose another output (nothing was deleted)");
        assertThat(file).hasContent("{\"text\":\"hello\"}");
    }

    @Test
    void anOutputHoldingAnInputFileIsRefused() throws IOException {
        assertThat(refusal(corpus.toString(), file.toString()))
                .isEqualTo(
                        "Cannot write to output \""
                                + corpus
                                + "\": it contains the input \""
                                + file
                                + "\" ("
                                + local(corpus)
                                + " and "
                                + local(file)
                                + "); choose another output (nothing was deleted)");
    }

    @Test
    void anOutputInsideTheInputFolderIsRefusedEvenBeforeItExists() {
        assertThat(refusal(corpus.resolve("new/out").toString(), corpus.toString()))
                .contains("it lies inside the input \"" + corpus + "\"");
    }

    @Test
    void globsCommaListsAndDotsAreResolved() {
        String glob = corpus + "/*.jsonl";
        assertThat(refusal(corpus.toString(), glob)).contains("it contains the input \"" + glob);
        assertThat(refusal(corpus + "/sub/..", dir.resolve("other.jsonl") + "," + file))
                .contains("it contains the input \"" + file + "\"");
    }

    @Test
    void symbolicLinksAreFollowedBothWays() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link"), corpus);
        assertThat(refusal(corpus.toString(), link.resolve("a.jsonl").toString()))
                .contains("it contains the input \"" + link.resolve("a.jsonl") + "\"");
        assertThat(refusal(link.resolve("out").toString(), corpus.toString()))
                .contains("it lies inside the input");
    }

    @Test
    void neighboursWithACommonPrefixAreApart() {
        CorpusFiles.writeLines(dir.resolve("corpus2/b.jsonl"), List.of("{\"text\":\"x\"}"));
        assertThatCode(() -> OutputOverlap.check(corpus + "-out", corpus.toString(), CONF))
                .doesNotThrowAnyException();
        assertThatCode(
                        () ->
                                OutputOverlap.check(
                                        dir.resolve("corpus2").toString(), file + "", CONF))
                .doesNotThrowAnyException();
    }
}
