package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.spark.SparkTestBase;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class Gpt1EmbedTransformerTest extends SparkTestBase {
    private static final String SCHEMA =
            "struct<id:string,text:string,lang:string,embedding:array<float>,n_tokens:int,"
                    + "truncated:boolean,n_windows:int,error:string>";

    /**
     * The command line's parsed defaults are compared with the stages' in cli/SettingOptionsTest.
     */
    @Test
    void defaultsAreTheDeclaredDefaults() {
        assertThat(new Gpt1EmbedTransformer().taskSpec()).isEqualTo(TaskSpec.of(TaskKind.EMBED));
    }

    @Test
    void matchesDocumentTransformWithTheSameSpec() {
        Dataset<Row> docs = MlFixtures.docs(spark);
        Gpt1EmbedTransformer embed =
                new Gpt1EmbedTransformer()
                        .setModelPath(MlFixtures.TINY.toString())
                        .setPooling("last")
                        .setNormalize(true)
                        .setLongInput("window")
                        .setWindowStride(32)
                        .setBatchTokens(512)
                        .setBatchDocs(3)
                        .setPrecision("fp32"); // as the reference below computes
        TaskSpec spec =
                TaskSpec.of(
                        TaskKind.EMBED,
                        Map.of(
                                "pooling",
                                "last",
                                "normalize",
                                true,
                                "long-input",
                                "window",
                                "window-stride",
                                32,
                                "batch-tokens",
                                512));
        assertThat(embed.taskSpec()).isEqualTo(spec);

        Dataset<Row> out = embed.transform(docs);

        assertThat(out.schema().simpleString()).isEqualTo(SCHEMA);
        assertThat(embed.transformSchema(docs.schema())).isEqualTo(out.schema());
        List<Row> rows = MlFixtures.sorted(out);
        assertThat(rows)
                .containsExactlyElementsOf(
                        MlFixtures.sorted(MlFixtures.reference(docs, spec, MlFixtures.TINY, 3)));
        assertThat(MlFixtures.column(rows, "error")).isEqualTo(MlFixtures.MODEL_ERRORS);
        assertThat(rows.get(0).<Float>getList(3)).hasSize(64);
    }

    @Test
    void fp16EmbeddingsDifferFromFp32OnesButKeepTheCosineBar() {
        Dataset<Row> docs = MlFixtures.docs(spark);
        String tiny = MlFixtures.TINY.toString();
        List<Row> exact =
                MlFixtures.sorted(new Gpt1EmbedTransformer().setModelPath(tiny).transform(docs));
        List<Row> half =
                MlFixtures.sorted(
                        new Gpt1EmbedTransformer()
                                .setModelPath(tiny)
                                .setPrecision("fp16")
                                .transform(docs));

        assertThat(MlFixtures.column(half, "error")).isEqualTo(MlFixtures.MODEL_ERRORS);
        assertThat(MlFixtures.column(half, "n_tokens"))
                .isEqualTo(MlFixtures.column(exact, "n_tokens"));
        for (int i : List.of(0, 3, 4)) {
            List<Float> a = exact.get(i).getList(3);
            List<Float> b = half.get(i).getList(3);
            assertThat(b).as("d%d", i).hasSameSizeAs(a).isNotEqualTo(a);
            assertThat(cosine(a, b)).as("d%d", i).isGreaterThanOrEqualTo(0.9999);
        }
    }

    private static double cosine(List<Float> a, List<Float> b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.size(); i++) {
            dot += a.get(i) * b.get(i);
            na += a.get(i) * a.get(i);
            nb += b.get(i) * b.get(i);
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void badValuesNameTheirParam() {
        Gpt1EmbedTransformer embed = new Gpt1EmbedTransformer("embed1");
        assertThatThrownBy(() -> embed.setPooling("median"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embed1 parameter pooling given invalid value median.");
        assertThatThrownBy(() -> embed.setLongInput("split"))
                .hasMessage("embed1 parameter longInput given invalid value split.");
        assertThatThrownBy(() -> embed.setWindowStride(-1))
                .hasMessage("embed1 parameter windowStride given invalid value -1.");
        assertThatThrownBy(() -> embed.setPrecision("fp8"))
                .hasMessage("embed1 parameter precision given invalid value fp8.");
        assertThat(embed.getPooling()).isEqualTo("mean");
        assertThat(embed.getPrecision()).isEqualTo("auto"); // the default, kept
    }

    @Test
    void aStrideLongerThanTheModelFailsOnTheDriver() {
        Gpt1EmbedTransformer embed =
                new Gpt1EmbedTransformer("embed1")
                        .setModelPath(MlFixtures.TINY.toString())
                        .setLongInput("window")
                        .setWindowStride(129);
        assertThatThrownBy(() -> embed.transform(MlFixtures.docs(spark)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embed1: windowStride 129 exceeds the model's n_positions 128");
    }
}
