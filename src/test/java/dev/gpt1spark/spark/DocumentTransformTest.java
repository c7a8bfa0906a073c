package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.task.Document;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskResult;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.testing.ReferenceModels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GPT-1 from Spark code: same values as in-process, one row out per row in. */
class DocumentTransformTest extends SparkTestBase {
    private static final StructType SCHEMA =
            DataTypes.createStructType(
                    List.of(
                            DataTypes.createStructField("doc", DataTypes.StringType, true),
                            DataTypes.createStructField("body", DataTypes.StringType, true),
                            DataTypes.createStructField("lang", DataTypes.StringType, true)));
    private static final List<String> TEXTS =
            Arrays.asList(
                    "The quick brown fox jumps over the lazy dog.",
                    null,
                    "",
                    "   ",
                    "one",
                    "It was a bright cold day in April, and the clocks were striking thirteen.",
                    "x ".repeat(400));
    private static ModelHandle model;
    private static Dataset<Row> input;

    @BeforeAll
    static void setUp() {
        model = ModelHandle.load(spark, ReferenceModels.all().get(1).dir(), null);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            rows.add(RowFactory.create("d" + i, TEXTS.get(i), i % 2 == 0 ? "en" : "fr"));
        }
        input = spark.createDataFrame(rows, SCHEMA).repartition(3);
    }

    private static List<TaskResult> inProcess(TaskSpec spec) {
        Gpt1Model gpt1 = ReferenceModels.tinyHf();
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            docs.add(new Document("d" + i, TEXTS.get(i)));
        }
        try (DocumentTask task = spec.create(gpt1)) {
            return task.process(docs);
        }
    }

    private static void assertSameAsInProcess(TaskSpec spec) {
        Dataset<Row> out = DocumentTransform.apply(input, "body", "doc", model, spec, 2);
        assertThat(out.schema().fieldNames()).startsWith("doc", "body", "lang").endsWith("error");
        List<TaskResult> expected = inProcess(spec);
        List<Row> rows = out.collectAsList();
        assertThat(rows).hasSize(TEXTS.size());
        int first =
                3; // the task's fields come after the input's columns and generate's sample_index
        if (spec.indexesSamples()) {
            assertThat(out.schema().fieldNames()[first++]).isEqualTo("sample_index");
        }
        for (Row row : rows) {
            int i = Integer.parseInt(row.getString(0).substring(1));
            TaskResult e = expected.get(i);
            assertThat(row.getString(2)).isEqualTo(i % 2 == 0 ? "en" : "fr");
            assertThat((Object) row.getAs("error")).as("row %d", i).isEqualTo(e.error());
            if (spec.indexesSamples()) {
                assertThat(row.<Integer>getAs("sample_index")).isZero();
            }
            for (int f = 0; f < spec.fields().size(); f++) {
                Object value = row.get(first + f);
                Object want = e.values()[f];
                if (want instanceof float[]) {
                    List<Float> got = row.getList(first + f);
                    float[] w = (float[]) want;
                    for (int j = 0; j < w.length; j++) {
                        // Different micro-batches round differently in the last bits.
                        assertThat(got.get(j))
                                .isCloseTo(w[j], org.assertj.core.data.Offset.offset(1e-5f));
                    }
                } else if (want instanceof int[] || want instanceof String[]) {
                    assertThat(row.getList(first + f).toArray()).isEqualTo(toObjects(want));
                } else if (want instanceof Double) {
                    assertThat((Double) value)
                            .isCloseTo(
                                    (Double) want,
                                    org.assertj.core.data.Percentage.withPercentage(1e-4));
                } else {
                    assertThat(value)
                            .as("row %d field %s", i, spec.fields().get(f).name())
                            .isEqualTo(want);
                }
            }
        }
    }

    private static Object[] toObjects(Object array) {
        if (array instanceof int[]) {
            return Arrays.stream((int[]) array).boxed().toArray();
        }
        return (Object[]) array;
    }

    @Test
    void embedScoreTokenizeAndGenerateMatchTheInProcessResults() {
        assertSameAsInProcess(TaskSpec.of(TaskKind.EMBED));
        assertSameAsInProcess(
                TaskSpec.of(TaskKind.SCORE)
                        .with(TaskSettings.WINDOW_STRIDE, 0)
                        .with(TaskSettings.BATCH_TOKENS, 4096));
        assertSameAsInProcess(TaskSpec.of(TaskKind.TOKENIZE));
        assertSameAsInProcess(
                TaskSpec.of(
                        TaskKind.GENERATE,
                        Map.of(
                                "max-new-tokens",
                                6,
                                "strategy",
                                "sample",
                                "temperature",
                                0.8f,
                                "top-k",
                                40,
                                "top-p",
                                0.95f,
                                "seed",
                                11L,
                                "repetition-penalty",
                                1.2f,
                                "stop",
                                List.of(),
                                "batch-tokens",
                                4096)));
    }

    @Test
    void aMissingTextColumnIsNamed() {
        assertThatThrownBy(
                        () ->
                                DocumentTransform.apply(
                                        input,
                                        "text",
                                        "doc",
                                        model,
                                        TaskSpec.of(TaskKind.TOKENIZE),
                                        8))
                .hasMessage("input has no text column \"text\" (columns: doc, body, lang)");
    }
}
