package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.spark.SparkTestBase;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

class Gpt1GenerateTransformerTest extends SparkTestBase {
    private static final String SCHEMA =
            "struct<id:string,text:string,lang:string,t:string,sample_index:int,continuation:string,"
                    + "continuation_ids:array<int>,n_prompt_tokens:int,n_generated:int,"
                    + "finish_reason:string,token_logprobs:array<float>,"
                    + "cumulative_logprob:double,error:string>";

    /**
     * The command line's parsed defaults are compared with the stages' in cli/SettingOptionsTest.
     */
    @Test
    void defaultsAreTheDeclaredDefaults() {
        assertThat(new Gpt1GenerateTransformer().taskSpec())
                .isEqualTo(TaskSpec.of(TaskKind.GENERATE));
    }

    @Test
    void matchesDocumentTransformWithTheSameSpec() {
        // d3 brings a temperature that cannot be read, the others 0.7
        Dataset<Row> docs =
                MlFixtures.docs(spark)
                        .withColumn(
                                "t",
                                functions
                                        .when(functions.col("id").equalTo("d3"), "hot")
                                        .otherwise("0.7"));
        Gpt1GenerateTransformer generate =
                new Gpt1GenerateTransformer()
                        .setModelPath(MlFixtures.TINY.toString())
                        .setIdCol("id")
                        .setMaxNewTokens(6)
                        .setStrategy("sample")
                        .setTemperature(0.8)
                        .setTopK(40)
                        .setTopP(0.95)
                        .setSeed(11L)
                        .setRepetitionPenalty(1.2)
                        .setStop("\n", "zzz")
                        .setNumReturnSequences(2)
                        .setTemperatureCol("t")
                        .setBatchTokens(4096);
        TaskSpec spec =
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
                                        List.of("\n", "zzz"),
                                        "num-return-sequences",
                                        2,
                                        "batch-tokens",
                                        4096))
                        .with(TaskSettings.TEMPERATURE_COL, "t");
        assertThat(generate.taskSpec()).isEqualTo(spec);

        Dataset<Row> out = generate.transform(docs);

        assertThat(out.schema().simpleString()).isEqualTo(SCHEMA);
        assertThat(generate.transformSchema(docs.schema())).isEqualTo(out.schema());
        List<Row> rows = MlFixtures.sorted(out);
        assertThat(rows)
                .containsExactlyElementsOf(
                        MlFixtures.sorted(MlFixtures.reference(docs, spec, MlFixtures.TINY, 256)));
        // Each row twice, error rows too, numbered 0 and 1; the two samples differ.
        List<String> errors = new java.util.ArrayList<>(MlFixtures.MODEL_ERRORS);
        errors.set(3, "column \"t\": temperature must be a number, got \"hot\"");
        assertThat(MlFixtures.column(rows, "error")).isEqualTo(twice(errors));
        assertThat(MlFixtures.column(rows, "sample_index"))
                .isEqualTo(List.of(0, 1, 0, 1, 0, 1, 0, 1, 0, 1));
        assertThat(rows.get(0).<String>getAs("continuation"))
                .isNotEqualTo(rows.get(1).<String>getAs("continuation"));
    }

    /** Each value twice in a row, as rows sorted by id and sample_index hold them. */
    private static List<Object> twice(List<?> values) {
        List<Object> out = new java.util.ArrayList<>();
        for (Object v : values) {
            out.add(v);
            out.add(v);
        }
        return out;
    }

    @Test
    void badValuesNameTheirParam() {
        Gpt1GenerateTransformer generate = new Gpt1GenerateTransformer("gen1");
        assertThatThrownBy(() -> generate.setMaxNewTokens(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gen1 parameter maxNewTokens given invalid value 0.");
        assertThatThrownBy(() -> generate.setStrategy("beam"))
                .hasMessage("gen1 parameter strategy given invalid value beam.");
        assertThatThrownBy(() -> generate.setTemperature(0))
                .hasMessage("gen1 parameter temperature given invalid value 0.0.");
        assertThatThrownBy(() -> generate.setTopK(-1))
                .hasMessage("gen1 parameter topK given invalid value -1.");
        assertThatThrownBy(() -> generate.setTopP(0))
                .hasMessage("gen1 parameter topP given invalid value 0.0.");
        assertThatThrownBy(() -> generate.setTopP(1.5))
                .hasMessage("gen1 parameter topP given invalid value 1.5.");
        assertThatThrownBy(() -> generate.setRepetitionPenalty(-1))
                .hasMessage("gen1 parameter repetitionPenalty given invalid value -1.0.");
        assertThatThrownBy(() -> generate.setStop("end", ""))
                .hasMessage("gen1 parameter stop given invalid value [end,].");
    }

    @Test
    void tooManyNewTokensFailOnTheDriver() {
        Gpt1GenerateTransformer generate =
                new Gpt1GenerateTransformer("gen1")
                        .setModelPath(MlFixtures.TINY.toString())
                        .setMaxNewTokens(128);
        assertThatThrownBy(() -> generate.transform(MlFixtures.docs(spark)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "gen1: maxNewTokens 128 leaves no room for a prompt: it must be below"
                                + " the model's n_positions 128");
    }
}
