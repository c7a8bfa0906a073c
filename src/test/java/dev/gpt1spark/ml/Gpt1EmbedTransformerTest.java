package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.inference.EmbedOptions;
import dev.gpt1spark.inference.LongInput;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.spark.SparkTestBase;
import dev.gpt1spark.task.EmbedSpec;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class Gpt1EmbedTransformerTest extends SparkTestBase {
    private static final String SCHEMA =
            "struct<id:string,text:string,lang:string,embedding:array<float>,n_tokens:int,"
                    + "truncated:boolean,n_windows:int,error:string>";

    @Test
    void defaultsAreTheCommandLineDefaults() {
        assertThat(new Gpt1EmbedTransformer().taskSpec())
                .isEqualTo(new EmbedSpec(EmbedOptions.defaults()));
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
                        .setBatchDocs(3);
        EmbedSpec spec =
                new EmbedSpec(new EmbedOptions(Pooling.LAST, true, LongInput.WINDOW, 32, 512));
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
    void badValuesNameTheirParam() {
        Gpt1EmbedTransformer embed = new Gpt1EmbedTransformer("embed1");
        assertThatThrownBy(() -> embed.setPooling("median"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("embed1 parameter pooling given invalid value median.");
        assertThatThrownBy(() -> embed.setLongInput("split"))
                .hasMessage("embed1 parameter longInput given invalid value split.");
        assertThatThrownBy(() -> embed.setWindowStride(-1))
                .hasMessage("embed1 parameter windowStride given invalid value -1.");
        assertThat(embed.getPooling()).isEqualTo("mean");
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
