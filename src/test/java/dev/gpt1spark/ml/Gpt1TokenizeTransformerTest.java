package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.spark.SparkTestBase;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class Gpt1TokenizeTransformerTest extends SparkTestBase {
    private static final String SCHEMA =
            "struct<id:string,text:string,lang:string,ids:array<int>,tokens:array<string>,"
                    + "n_tokens:int,error:string>";

    @Test
    void withoutAModelUsesTheBundledTokenizer() {
        Dataset<Row> docs = MlFixtures.docs(spark);
        Gpt1TokenizeTransformer tokenize = new Gpt1TokenizeTransformer().setIdCol("id");

        Dataset<Row> out = tokenize.transform(docs);

        assertThat(out.schema().simpleString()).isEqualTo(SCHEMA);
        assertThat(tokenize.transformSchema(docs.schema())).isEqualTo(out.schema());
        List<Row> rows = MlFixtures.sorted(out);
        assertThat(rows)
                .containsExactlyElementsOf(
                        MlFixtures.sorted(
                                MlFixtures.reference(
                                        docs, TaskSpec.of(TaskKind.TOKENIZE), null, 256)));
        assertThat(MlFixtures.column(rows, "error"))
                .containsExactly(null, "text is null", null, null, null);
        assertThat(MlFixtures.column(rows, "n_tokens")).containsExactly(10, null, 0, 16, 1);
    }

    @Test
    void withAModelUsesItsTokenizer() {
        Dataset<Row> docs = MlFixtures.docs(spark);
        Gpt1TokenizeTransformer tokenize =
                new Gpt1TokenizeTransformer()
                        .setModelPath(MlFixtures.TINY.toString())
                        .setBatchDocs(2);

        List<Row> rows = MlFixtures.sorted(tokenize.transform(docs));

        assertThat(rows)
                .containsExactlyElementsOf(
                        MlFixtures.sorted(
                                MlFixtures.reference(
                                        docs, TaskSpec.of(TaskKind.TOKENIZE), MlFixtures.TINY, 2)));
    }
}
