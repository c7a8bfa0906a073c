package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.checkpoint.Presets;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.Classifier;
import dev.gpt1spark.spark.ClassLabels;
import dev.gpt1spark.spark.SparkTestBase;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Gpt1ClassifyTransformerTest extends SparkTestBase {
    private static final String SCHEMA =
            "struct<id:string,text:string,lang:string,label:string,label_id:int,score:float,"
                    + "probabilities:array<float>,label_probabilities:map<string,float>,"
                    + "error:string>";
    @TempDir static Path dir;
    private static Path classifier;

    /** A random tiny model with a two-label head. */
    @BeforeAll
    static void writeClassifier() {
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
                        List.of("neg", "pos"));
        classifier = dir.resolve("clf");
        CheckpointWriter.writeHf(RandomInit.create(config, 7), classifier, false);
    }

    @Test
    void matchesDocumentTransformWithTheSameSpec() {
        Dataset<Row> docs = MlFixtures.docs(spark);
        Gpt1ClassifyTransformer classify =
                new Gpt1ClassifyTransformer()
                        .setModelPath(classifier.toString())
                        .setBatchTokens(64)
                        .setPrecision("fp32"); // as the reference below computes
        TaskSpec spec = TaskSpec.of(TaskKind.CLASSIFY).with(TaskSettings.BATCH_TOKENS, 64);
        assertThat(classify.taskSpec()).isEqualTo(spec);

        Dataset<Row> out = classify.transform(docs);

        assertThat(out.schema().simpleString()).isEqualTo(SCHEMA);
        assertThat(classify.transformSchema(docs.schema())).isEqualTo(out.schema());
        List<Row> rows = MlFixtures.sorted(out);
        assertThat(rows)
                .containsExactlyElementsOf(
                        MlFixtures.sorted(MlFixtures.reference(docs, spec, classifier, 256)));
        assertThat(MlFixtures.column(rows, "error")).isEqualTo(MlFixtures.MODEL_ERRORS);
        assertThat(rows.get(0).getString(3)).isIn("neg", "pos");
    }

    @Test
    void theOutputStructCarriesTheLabelsIntoParquet() {
        Dataset<Row> docs = MlFixtures.docs(spark);
        String parquet = dir.resolve("packed").toString();
        new Gpt1ClassifyTransformer()
                .setModelPath(classifier.toString())
                .setPrecision("fp32")
                .setOutputCol("gpt1")
                .transform(docs)
                .write()
                .parquet(parquet);

        StructType gpt1 =
                (StructType) spark.read().parquet(parquet).schema().apply("gpt1").dataType();
        for (String field : List.of("label", "label_id", "probabilities", "label_probabilities")) {
            assertThat(gpt1.apply(field).metadata().getStringArray(ClassLabels.KEY))
                    .as(field)
                    .containsExactly("neg", "pos");
        }
        assertThat(gpt1.apply("score").metadata().contains(ClassLabels.KEY)).isFalse();
        NominalAttribute attribute =
                (NominalAttribute) Attribute.fromStructField(gpt1.apply("label_id"));
        assertThat(attribute.values().get()).containsExactly("neg", "pos");
    }

    @Test
    void aModelWithoutAHeadFailsOnTheDriver() {
        Gpt1ClassifyTransformer classify =
                new Gpt1ClassifyTransformer().setModelPath(MlFixtures.TINY.toString());
        assertThatThrownBy(() -> classify.transform(MlFixtures.docs(spark)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Classifier.NO_HEAD);
    }
}
