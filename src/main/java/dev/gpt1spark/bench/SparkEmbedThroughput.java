package dev.gpt1spark.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.spark.JobOptions;
import dev.gpt1spark.spark.JobRunner;
import dev.gpt1spark.spark.OutputMode;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Tokens per second of the whole embed job on a Spark session, as a user runs it: reading the
 * checkpoint and broadcasting it, reading a JSONL corpus, the tasks, and writing Parquet. Only
 * starting the session is left out, a cost paid once however large the corpus.
 */
final class SparkEmbedThroughput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SparkEmbedThroughput() {}

    static double tokensPerSecond(
            SparkSession spark, Path modelDir, Precision precision, List<String> texts, Path work) {
        Path corpus = writeCorpus(texts, work.resolve("bench-corpus.jsonl"));
        JobOptions job =
                new JobOptions(
                        TaskSpec.of(TaskKind.EMBED),
                        modelDir.toString(),
                        null,
                        precision,
                        InputSpec.of(corpus.toString()),
                        work.resolve("bench-embeddings").toUri().toString(),
                        OutputMode.OVERWRITE,
                        0,
                        EmbedCorpus.BATCH_DOCS,
                        0);
        long start = System.nanoTime();
        Map<String, Object> summary = JobRunner.run(spark, job);
        double seconds = (System.nanoTime() - start) / 1e9;
        return ((Number) summary.get("tokens_this_run")).doubleValue() / seconds;
    }

    private static Path writeCorpus(List<String> texts, Path file) {
        List<String> lines = new ArrayList<>(texts.size());
        try {
            for (int i = 0; i < texts.size(); i++) {
                lines.add(JSON.writeValueAsString(Map.of("id", "doc-" + i, "text", texts.get(i))));
            }
            Files.createDirectories(file.getParent());
            return Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the bench corpus: " + e.getMessage(), e);
        }
    }
}
