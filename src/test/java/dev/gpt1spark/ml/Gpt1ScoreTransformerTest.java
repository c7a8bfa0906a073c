package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.spark.SparkTestBase;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class Gpt1ScoreTransformerTest extends SparkTestBase {
    private static final String SCHEMA =
            "struct<id:string,text:string,lang:string,nll:double,mean_nll:double,"
                    + "perplexity:double,n_tokens:int,n_scored:int,error:string>";

    @Test
    void matchesDocumentTransformWithTheSameSpec() {
        Dataset<Row> docs = MlFixtures.docs(spark);
        Gpt1ScoreTransformer score =
                new Gpt1ScoreTransformer()
                        .setModelPath(MlFixtures.TINY.toString())
                        .setWindowStride(8)
                        .setBatchTokens(256)
                        .setPrecision("fp32"); // as the reference below computes
        TaskSpec spec =
                TaskSpec.of(TaskKind.SCORE)
                        .with(TaskSettings.WINDOW_STRIDE, 8)
                        .with(TaskSettings.BATCH_TOKENS, 256);
        assertThat(score.taskSpec()).isEqualTo(spec);

        Dataset<Row> out = score.transform(docs);

        assertThat(out.schema().simpleString()).isEqualTo(SCHEMA);
        assertThat(score.transformSchema(docs.schema())).isEqualTo(out.schema());
        List<Row> rows = MlFixtures.sorted(out);
        assertThat(rows)
                .containsExactlyElementsOf(
                        MlFixtures.sorted(MlFixtures.reference(docs, spec, MlFixtures.TINY, 256)));
        assertThat(MlFixtures.column(rows, "error")).isEqualTo(MlFixtures.MODEL_ERRORS);
        assertThat(MlFixtures.column(rows, "n_scored")).containsExactly(9, null, null, 15, 0);
    }

    @Test
    void badValuesNameTheirParam() {
        Gpt1ScoreTransformer score = new Gpt1ScoreTransformer("score1");
        assertThatThrownBy(() -> score.setWindowStride(-4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score1 parameter windowStride given invalid value -4.");
        assertThatThrownBy(() -> score.setBatchTokens(0))
                .hasMessage("score1 parameter batchTokens given invalid value 0.");
        assertThatThrownBy(() -> score.setBatchDocs(0))
                .hasMessage("score1 parameter batchDocs given invalid value 0.");
        assertThatThrownBy(() -> score.setNHead(-1))
                .hasMessage("score1 parameter nHead given invalid value -1.");
        assertThatThrownBy(() -> score.setTextCol(""))
                .hasMessage("score1 parameter textCol given invalid value .");
    }

    @Test
    void aStrideOfTheWholeContextFailsOnTheDriver() {
        Gpt1ScoreTransformer score =
                new Gpt1ScoreTransformer("score1")
                        .setModelPath(MlFixtures.TINY.toString())
                        .setWindowStride(128);
        assertThatThrownBy(() -> score.transform(MlFixtures.docs(spark)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("score1: windowStride 128 must be below the model's n_positions 128");
    }
}
