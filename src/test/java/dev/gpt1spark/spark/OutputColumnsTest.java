package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.OutputField;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.testing.ReferenceModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each command reserves the names it writes, and only those, for kept input columns. */
class OutputColumnsTest extends SparkTestBase {
    private static final String MODEL = ReferenceModels.all().get(1).dir().toString();
    @TempDir Path dir;

    @Test
    void eachCommandReservesTheIdTheErrorAndItsDeclaredFields() {
        for (TaskKind kind : TaskKind.values()) {
            List<String> written = OutputColumns.of(kind);
            assertThat(written).as("%s", kind).startsWith("id").endsWith("error");
            assertThat(written)
                    .as("%s", kind)
                    .containsAll(kind.fields().stream().map(OutputField::name).toList());
            assertThat(written.contains(OutputColumns.SAMPLE_INDEX))
                    .as("%s", kind)
                    .isEqualTo(kind == TaskKind.GENERATE);
        }
        assertThat(OutputColumns.of(TaskKind.EMBED))
                .containsExactly("id", "embedding", "n_tokens", "truncated", "n_windows", "error");
    }

    @Test
    void classifyRefusesAKeptScoreColumnAndEmbedTakesIt() {
        InputSpec input = InputSpec.of("corpus.jsonl").withKeepCols(List.of("url", "Score"));

        assertThatThrownBy(() -> job(TaskSpec.of(TaskKind.CLASSIFY), input, "out"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot keep column \"Score\": the jobs write a column of that name");
        assertThat(job(TaskSpec.of(TaskKind.EMBED), input, "out").input().keepCols())
                .containsExactly("url", "Score");
        assertThatThrownBy(
                        () ->
                                job(
                                        TaskSpec.of(TaskKind.TOKENIZE),
                                        input.withKeepCols(List.of("n_tokens")),
                                        "out"))
                .hasMessage(
                        "Cannot keep column \"n_tokens\": the jobs write a column of that name");
    }

    @Test
    void anEmbedJobKeepsAnInputColumnNamedScore() throws Exception {
        Path corpus = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            lines.add(
                    "{\"id\":\"d"
                            + i
                            + "\",\"text\":\"document "
                            + i
                            + "\",\"score\":"
                            + i
                            + ".5}");
        }
        Files.write(corpus, lines);
        String output = dir.resolve("out").toString();
        JobRunner.run(
                spark,
                job(
                        TaskSpec.of(TaskKind.EMBED).with(TaskSettings.BATCH_TOKENS, 4096),
                        InputSpec.of(corpus.toString()).withKeepCols(List.of("score")),
                        output));

        var written = spark.read().parquet(output);
        assertThat(written.schema().fieldNames())
                .containsExactly(
                        "id", "score", "embedding", "n_tokens", "truncated", "n_windows", "error");
        Map<String, Double> scores = new HashMap<>();
        for (Row row : written.collectAsList()) {
            assertThat(row.isNullAt(row.fieldIndex("error"))).isTrue();
            assertThat(row.<Object>getAs("embedding")).isNotNull();
            scores.put(row.getAs("id"), row.getAs("score"));
        }
        assertThat(scores).hasSize(6).containsEntry("d0", 0.5).containsEntry("d5", 5.5);
    }

    private JobOptions job(TaskSpec spec, InputSpec input, String output) {
        return new JobOptions(
                spec, MODEL, null, Precision.FP32, input, output, OutputMode.ERROR, 2, 8, 0);
    }
}
