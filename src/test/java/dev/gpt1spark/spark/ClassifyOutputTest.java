package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.checkpoint.Presets;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.feature.IndexToString;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A classify job's Parquet names its classes: in the values, the column metadata and summary. */
class ClassifyOutputTest extends SparkTestBase {
    private static final List<String> LABELS = List.of("neg", "pos", "mixed");
    @TempDir static Path dir;
    private static String output;
    private static Dataset<Row> written;

    @BeforeAll
    static void classify() throws IOException {
        ModelConfig tiny = Presets.tiny();
        ModelConfig config =
                new ModelConfig(
                        tiny.nLayer(),
                        tiny.nHead(),
                        tiny.nEmbd(),
                        tiny.nPositions(),
                        tiny.vocabSize(),
                        tiny.activation(),
                        tiny.layerNormEpsilon(),
                        LABELS);
        Path model = dir.resolve("clf");
        CheckpointWriter.writeHf(RandomInit.create(config, 3), model, false);
        Path corpus = dir.resolve("docs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add(
                    "{\"id\":\"d"
                            + i
                            + "\",\"text\":\"review "
                            + i
                            + " says "
                            + "so ".repeat(i)
                            + "\"}");
        }
        lines.add("{\"id\":\"no-text\",\"text\":null}");
        Files.write(corpus, lines);
        output = dir.resolve("classes").toString();
        JobRunner.run(
                spark,
                new JobOptions(
                        TaskSpec.of(TaskKind.CLASSIFY).with(TaskSettings.BATCH_TOKENS, 4096),
                        model.toString(),
                        null,
                        Precision.FP32,
                        InputSpec.of(corpus.toString()),
                        output,
                        OutputMode.ERROR,
                        3,
                        8,
                        0));
        written = spark.read().parquet(output);
    }

    @Test
    void schemaHasTheWinningScoreAndProbabilitiesByLabel() {
        assertThat(written.schema().simpleString())
                .isEqualTo(
                        "struct<id:string,label:string,label_id:int,score:float,"
                                + "probabilities:array<float>,"
                                + "label_probabilities:map<string,float>,error:string>");
    }

    @Test
    void columnMetadataListsTheLabelsInIdOrder() {
        StructType schema = written.schema();
        for (String column : List.of("label", "label_id", "probabilities", "label_probabilities")) {
            assertThat(schema.apply(column).metadata().getStringArray(ClassLabels.KEY))
                    .as(column)
                    .containsExactlyElementsOf(LABELS);
        }
        assertThat(schema.apply("score").metadata().contains(ClassLabels.KEY)).isFalse();
        NominalAttribute attribute =
                (NominalAttribute) Attribute.fromStructField(schema.apply("label_id"));
        assertThat(attribute.values().get()).containsExactlyElementsOf(LABELS);
    }

    @Test
    void sparkMlTurnsLabelIdsBackIntoNamesFromTheMetadataAlone() {
        Dataset<Row> named =
                new IndexToString()
                        .setInputCol("label_id")
                        .setOutputCol("named")
                        .transform(written.filter("error is null"));
        List<Row> rows = named.select("label", "named").collectAsList();
        assertThat(rows).hasSize(12);
        rows.forEach(r -> assertThat(r.getString(1)).isEqualTo(r.getString(0)));
    }

    @Test
    void scoreIsTheWinnersProbabilityAndTheMapFollowsTheLabels() {
        List<Row> rows = written.filter("error is null").collectAsList();
        assertThat(rows).hasSize(12);
        for (Row row : rows) {
            List<Float> p = row.getList(row.fieldIndex("probabilities"));
            int winner = row.getAs("label_id");
            assertThat(row.<Float>getAs("score")).isEqualTo(p.get(winner)).isEqualTo(max(p));
            assertThat(row.<String>getAs("label")).isEqualTo(LABELS.get(winner));
            Map<String, Float> byLabel = row.getJavaMap(row.fieldIndex("label_probabilities"));
            assertThat(new ArrayList<>(byLabel.keySet())).containsExactlyElementsOf(LABELS);
            for (int i = 0; i < LABELS.size(); i++) {
                assertThat(byLabel.get(LABELS.get(i))).isEqualTo(p.get(i));
            }
        }
        Row failed = written.filter("id = 'no-text'").first();
        assertThat(failed.<String>getAs("error")).isEqualTo("text is null");
        for (String column : List.of("label", "label_id", "score", "label_probabilities")) {
            assertThat(failed.isNullAt(failed.fieldIndex(column))).as(column).isTrue();
        }
    }

    @Test
    void summaryListsTheLabels() throws IOException {
        JsonNode summary =
                new ObjectMapper().readTree(Path.of(output, OutputFolder.SUMMARY_FILE).toFile());
        List<String> labels = new ArrayList<>();
        summary.get("labels").forEach(l -> labels.add(l.asText()));
        assertThat(labels).containsExactlyElementsOf(LABELS);
    }

    private static float max(List<Float> values) {
        return values.stream().max(Float::compare).orElseThrow();
    }
}
