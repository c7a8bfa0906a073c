package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume finishes the same job on the same input, or refuses and says what changed. */
class ResumeChecksTest extends SparkTestBase {
    private static final int ROWS = 30;
    @TempDir Path dir;
    private Path folder;
    private Path docs;
    private Path out;

    @BeforeEach
    void writeCorpus() {
        folder = dir.resolve("corpus");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            lines.add("document " + i + " about ships");
        }
        docs = CorpusFiles.writeLines(folder.resolve("docs.txt"), lines);
        out = dir.resolve("out");
    }

    private JobOptions tokenize(OutputMode mode, int partitions) {
        return new JobOptions(
                TaskSpec.of(TaskKind.TOKENIZE),
                null,
                null,
                Precision.FP32,
                InputSpec.of(folder.toString()),
                out.toString(),
                mode,
                partitions,
                8,
                0);
    }

    /** A run that ended before committing every chunk: one part file is missing. */
    private void interruptedRun() throws IOException {
        JobRunner.run(spark, tokenize(OutputMode.ERROR, 4));
        try (Stream<Path> parts = Files.list(out)) {
            Files.delete(
                    parts.filter(p -> p.getFileName().toString().endsWith(".parquet"))
                            .findFirst()
                            .orElseThrow());
        }
    }

    @Test
    void everyOutputFormatResumesToTheSameRowsOnce() throws IOException {
        JobRunner.run(spark, tokenize(OutputMode.ERROR, 4));
        List<Row> parquet = sorted(spark.read().parquet(out.toString()));
        for (String format : List.of("orc", "json")) {
            Path to = dir.resolve("out-" + format);
            JobOptions job = tokenize(OutputMode.ERROR, 4).withOutput(format, Map.of());
            job = withOutputPath(job, to);
            JobRunner.run(spark, job);
            // A run that ended before committing every chunk.
            try (Stream<Path> parts = Files.list(to)) {
                Path part =
                        parts.filter(p -> p.getFileName().toString().startsWith("part-"))
                                .findFirst()
                                .orElseThrow();
                assertThat(part.getFileName().toString()).endsWith("." + format);
                Files.delete(part);
            }
            var summary =
                    JobRunner.run(
                            spark,
                            withOutputPath(tokenize(OutputMode.RESUME, 0), to)
                                    .withOutput(format, Map.of()));
            assertThat(summary.get("rows_out")).isEqualTo((long) ROWS);
            assertThat((Integer) summary.get("chunks_resumed")).isEqualTo(3);
            StructType schema = spark.read().parquet(out.toString()).schema();
            assertThat(sorted(spark.read().schema(schema).format(format).load(to.toString())))
                    .as("%s output read back by Spark", format)
                    .isEqualTo(parquet);
            assertThatThrownBy(
                            () ->
                                    JobRunner.run(
                                            spark,
                                            withOutputPath(tokenize(OutputMode.RESUME, 0), to)))
                    .hasMessageStartingWith("Cannot resume " + to)
                    .hasMessageContaining("output_writer was {output_format=" + format);
        }
    }

    private static JobOptions withOutputPath(JobOptions job, Path to) {
        return new JobOptions(
                        job.spec(),
                        job.model(),
                        job.nHead(),
                        job.precision(),
                        job.input(),
                        to.toString(),
                        job.mode(),
                        job.partitions(),
                        job.batchDocs(),
                        job.progressSeconds())
                .withOutput(job.outputFormat(), job.outputOptions());
    }

    private static List<Row> sorted(Dataset<Row> rows) {
        return rows.orderBy("id").collectAsList();
    }

    private String fileUri(Path file) {
        return new org.apache.hadoop.fs.Path(file.toUri()).toString();
    }

    @Test
    void anUnchangedInputResumesToEveryRowOnce() throws IOException {
        interruptedRun();
        var summary = JobRunner.run(spark, tokenize(OutputMode.RESUME, 0));
        assertThat(summary.get("rows_out")).isEqualTo((long) ROWS);
        assertThat((Integer) summary.get("chunks_resumed")).isEqualTo(3);
    }

    @Test
    void aFileRewrittenInPlaceIsNamedEvenWithItsSizeAndTimeKept() throws IOException {
        interruptedRun();
        FileTime time = Files.getLastModifiedTime(docs);
        String text = Files.readString(docs);
        Files.writeString(docs, text.replace("ships", "boats")); // same size, same row count
        Files.setLastModifiedTime(docs, time);
        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(OutputMode.RESUME, 0)))
                .hasMessageStartingWith(
                        "Cannot resume "
                                + out
                                + ": input file "
                                + fileUri(docs)
                                + " changed since the run started (sha256 was ")
                .hasMessageEndingWith("; use mode overwrite to start again");
        Files.writeString(docs, text + "one more\n");
        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(OutputMode.RESUME, 0)))
                .hasMessageContaining(" changed since the run started (size was ");
    }

    @Test
    void aFileAddedToTheInputFolderIsNamed() throws IOException {
        interruptedRun();
        Path added = CorpusFiles.writeLines(folder.resolve("more.txt"), List.of("late"));
        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(OutputMode.RESUME, 0)))
                .hasMessage(
                        "Cannot resume "
                                + out
                                + ": input file "
                                + fileUri(added)
                                + " is new since the run started; use mode overwrite to start"
                                + " again");
    }

    @Test
    void anotherPartitionCountIsRefused() throws IOException {
        interruptedRun();
        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(OutputMode.RESUME, 6)))
                .hasMessage(
                        "Cannot resume "
                                + out
                                + ": it was written with partitions 4, now 6 (chunks are made"
                                + " by the partition count); leave partitions out or use mode"
                                + " overwrite");
        assertThat(JobRunner.run(spark, tokenize(OutputMode.RESUME, 4)).get("rows_out"))
                .isEqualTo((long) ROWS);
    }
}
