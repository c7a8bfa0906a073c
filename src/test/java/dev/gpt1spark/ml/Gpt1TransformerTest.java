package dev.gpt1spark.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.spark.ModelHandle;
import dev.gpt1spark.spark.SparkTestBase;
import dev.gpt1spark.testing.ReferenceModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What all GPT-1 transformers share: checks, output prefix, model caching, copy, pipelines. */
class Gpt1TransformerTest extends SparkTestBase {
    private static final String TINY = MlFixtures.TINY.toString();

    private static Gpt1ScoreTransformer score(String uid) {
        return new Gpt1ScoreTransformer(uid).setModelPath(TINY);
    }

    @Test
    void aModelTaskNeedsAModelPath() {
        assertThatThrownBy(() -> new Gpt1ScoreTransformer("s").transformSchema(MlFixtures.SCHEMA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("s: modelPath is not set (score needs a checkpoint)");
    }

    @Test
    void inputColumnsAreChecked() {
        assertThatThrownBy(() -> score("s").setTextCol("body").transformSchema(MlFixtures.SCHEMA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("s: input has no text column \"body\" (columns: id, text, lang)");
        assertThatThrownBy(() -> score("s").setIdCol("doc").transformSchema(MlFixtures.SCHEMA))
                .hasMessage("s: input has no id column \"doc\" (columns: id, text, lang)");
        StructType numbers =
                new StructType().add("text", DataTypes.IntegerType).add("id", DataTypes.StringType);
        assertThatThrownBy(() -> score("s").transformSchema(numbers))
                .hasMessage("s: text column \"text\" must be a string, got int");
    }

    @Test
    void inputColAndOutputColAsSparkMlStagesHaveThem() {
        Dataset<Row> docs = MlFixtures.docs(spark).withColumnRenamed("text", "body");
        Gpt1ScoreTransformer packed =
                score("s").setPrecision("fp32").setInputCol("body").setOutputCol("gpt1");
        Dataset<Row> out = packed.transform(docs);
        assertThat(out.schema().simpleString())
                .isEqualTo(
                        "struct<id:string,body:string,lang:string,gpt1:struct<nll:double,"
                                + "mean_nll:double,perplexity:double,n_tokens:int,n_scored:int,"
                                + "error:string>>");
        assertThat(packed.transformSchema(docs.schema())).isEqualTo(out.schema());
        // The struct holds what the flat columns hold.
        List<Row> flat =
                MlFixtures.sorted(
                        score("f").setPrecision("fp32").setInputCol("body").transform(docs));
        List<Row> structs = MlFixtures.sorted(out);
        assertThat(structs).hasSize(flat.size());
        for (int i = 0; i < flat.size(); i++) {
            Row gpt1 = structs.get(i).getStruct(3);
            for (int f = 0; f < gpt1.size(); f++) {
                assertThat(gpt1.get(f)).isEqualTo(flat.get(i).get(3 + f));
            }
        }

        // textCol, the former name, is read when inputCol is not set
        assertThat(score("t").setTextCol("body").getInputCol()).isEqualTo("body");
        assertThat(score("t").setTextCol("body").setInputCol("x").getInputCol()).isEqualTo("x");
        assertThat(score("t").getInputCol()).isEqualTo("text");
        assertThatThrownBy(
                        () ->
                                score("b")
                                        .setOutputCol("g")
                                        .setOutputPrefix("p_")
                                        .transformSchema(MlFixtures.SCHEMA))
                .hasMessage("b: set outputCol or outputPrefix, not both");
        assertThatThrownBy(() -> score("c").setOutputCol("Lang").transformSchema(MlFixtures.SCHEMA))
                .hasMessage(
                        "c: the input already has the output column \"Lang\"; set outputCol to"
                                + " another name");
    }

    @Test
    void aFileStreamGoesThroughAStageIntoAParquetSink(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(
                in.resolve("a.json"),
                "{\"id\":\"a\",\"text\":\"one two\"}\n{\"id\":\"b\",\"text\":null}\n");
        Files.writeString(in.resolve("b.json"), "{\"id\":\"c\",\"text\":\"three\"}\n");
        StructType schema =
                new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType);
        Gpt1TokenizeTransformer tokenize = new Gpt1TokenizeTransformer("t").setOutputCol("tok");
        String out = dir.resolve("out").toString();
        StreamingQuery query =
                tokenize.transform(spark.readStream().schema(schema).json(in.toString()))
                        .writeStream()
                        .format("parquet")
                        .option("checkpointLocation", dir.resolve("checkpoint").toString())
                        .trigger(Trigger.AvailableNow())
                        .start(out);
        query.awaitTermination();
        List<Row> streamed = MlFixtures.sorted(spark.read().parquet(out));
        List<Row> batch =
                MlFixtures.sorted(
                        tokenize.transform(spark.read().schema(schema).json(in.toString())));
        assertThat(streamed).hasSize(3).containsExactlyElementsOf(batch);
        assertThat(streamed.get(1).getStruct(2).<String>getAs("error")).isEqualTo("text is null");
    }

    @Test
    void anOutputColumnMayNotOverwriteAnInputOne() {
        StructType withError = MlFixtures.SCHEMA.add("Error", DataTypes.StringType);
        assertThatThrownBy(() -> score("s").transformSchema(withError))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "s: the input already has the output columns [error]; set outputPrefix"
                                + " (e.g. \"score_\") or rename them");
        assertThatThrownBy(
                        () ->
                                score("s")
                                        .setOutputPrefix("n_")
                                        .transformSchema(
                                                MlFixtures.SCHEMA.add(
                                                        "n_nll", DataTypes.DoubleType)))
                .hasMessageContaining("[n_nll]");
    }

    @Test
    void aPrefixNamesEveryOutputColumnAndKeepsInputsOfTheTaskNames() {
        // The text sits in a column named like a tokenize output, beside an input "error".
        Dataset<Row> docs =
                MlFixtures.docs(spark)
                        .withColumnRenamed("text", "tokens")
                        .withColumn("error", functions.lit("from the reader"));
        Gpt1TokenizeTransformer tokenize =
                new Gpt1TokenizeTransformer().setTextCol("tokens").setOutputPrefix("tok_");

        Dataset<Row> out = tokenize.transform(docs);

        assertThat(out.columns())
                .containsExactly(
                        "id",
                        "tokens",
                        "lang",
                        "error",
                        "tok_ids",
                        "tok_tokens",
                        "tok_n_tokens",
                        "tok_error");
        assertThat(out.schema()).isEqualTo(tokenize.transformSchema(docs.schema()));
        List<Row> rows = MlFixtures.sorted(out);
        assertThat(MlFixtures.column(rows, "tokens")).isEqualTo(MlFixtures.TEXTS);
        assertThat(MlFixtures.column(rows, "error")).containsOnly("from the reader");
        assertThat(MlFixtures.column(rows, "tok_error"))
                .containsExactly(null, "text is null", null, null, null);
        assertThat(MlFixtures.column(rows, "tok_n_tokens")).containsExactly(10, null, 0, 16, 1);
    }

    @Test
    void theModelIsReadOncePerInstanceAndShared() {
        Gpt1ScoreTransformer score = score("s");
        ModelHandle first = score.model(spark);
        score.transform(MlFixtures.docs(spark)).count();
        score.transform(MlFixtures.docs(spark)).count();
        assertThat(score.model(spark)).isSameAs(first);
        assertThat(score.copy(new ParamMap()).model(spark)).isSameAs(first);

        Path erf = ReferenceModels.all().get(2).dir();
        ModelHandle other = score.setModelPath(erf.toString()).model(spark);
        assertThat(other).isNotSameAs(first);
        assertThat(other.fingerprint()).isNotEqualTo(first.fingerprint());
        assertThat(score.model(spark)).isSameAs(other);
    }

    @Test
    void changingThePrecisionRebuildsTheModelFromTheSameBroadcast() {
        Gpt1ScoreTransformer score = score("s").setPrecision("fp32"); // the default is auto
        ModelHandle exact = score.model(spark);
        List<Object> exactNll = nll(score);
        assertThat(exact.precision()).isEqualTo(Precision.FP32);

        ModelHandle half = score.setPrecision("fp16").model(spark);
        assertThat(half).isNotSameAs(exact);
        assertThat(half.precision()).isEqualTo(Precision.FP16);
        assertThat(half.fingerprint()).isEqualTo(exact.fingerprint());
        assertThat(half.checkpoint()).as("not read again").isSameAs(exact.checkpoint());
        List<Object> halfNll = nll(score);
        assertThat(halfNll).isNotEqualTo(exactNll);
        for (int i : List.of(0, 3)) { // d4 has one token, so nothing to score
            double a = (Double) exactNll.get(i);
            assertThat(Math.abs((Double) halfNll.get(i) - a) / a).isLessThan(1e-3);
        }
        assertThat(score.model(spark)).isSameAs(half);

        // A copy shares the handle only while it asks for the same precision.
        assertThat(score.copy(new ParamMap()).model(spark)).isSameAs(half);
        ModelHandle copied =
                score.copy(new ParamMap().put(score.precision().w("fp32"))).model(spark);
        assertThat(copied).isNotSameAs(half);
        assertThat(copied.precision()).isEqualTo(Precision.FP32);
    }

    @Test
    void int8IsAPrecisionTheStagesTake() {
        assumeTrue(Precision.INT8.isNative(), "this CPU has no AVX2: int8 is refused");
        Gpt1ScoreTransformer score = score("s").setPrecision("fp32");
        List<Object> exactNll = nll(score);
        ModelHandle int8 = score.setPrecision("int8").model(spark);
        assertThat(int8.precision()).isEqualTo(Precision.INT8);
        List<Object> int8Nll = nll(score);
        assertThat(int8Nll).isNotEqualTo(exactNll);
        for (int i : List.of(0, 3)) { // d4 has one token, so nothing to score
            double a = (Double) exactNll.get(i);
            assertThat(Math.abs((Double) int8Nll.get(i) - a) / a).isLessThan(2e-3);
        }
    }

    private List<Object> nll(Gpt1ScoreTransformer score) {
        return MlFixtures.column(MlFixtures.sorted(score.transform(MlFixtures.docs(spark))), "nll");
    }

    @Test
    void anOriginalFormatCheckpointTakesNHead() {
        ReferenceModels.Reference openai = ReferenceModels.all().get(0);
        Gpt1ScoreTransformer score =
                new Gpt1ScoreTransformer()
                        .setModelPath(openai.dir().toString())
                        .setNHead(openai.nHead());
        assertThat(score.model(spark).checkpoint().config().nHead()).isEqualTo(4);
        assertThat(
                        MlFixtures.column(
                                MlFixtures.sorted(score.transform(MlFixtures.docs(spark))),
                                "error"))
                .isEqualTo(MlFixtures.MODEL_ERRORS);
    }

    @Test
    void copyKeepsTheParamsAndTheUid() {
        Gpt1GenerateTransformer generate =
                new Gpt1GenerateTransformer("g")
                        .setModelPath(TINY)
                        .setStrategy("sample")
                        .setStop(".")
                        .setOutputPrefix("gen_");
        Gpt1GenerateTransformer copy = generate.copy(new ParamMap());
        assertThat(copy).isNotSameAs(generate);
        assertThat(copy.uid()).isEqualTo("g");
        assertThat(values(copy)).isEqualTo(values(generate));
        assertThat(copy.taskSpec()).isEqualTo(generate.taskSpec());

        Gpt1GenerateTransformer hotter =
                generate.copy(new ParamMap().put(generate.temperature().w(1.5)));
        assertThat(hotter.getTemperature()).isEqualTo(1.5);
        assertThat(hotter.getStop()).containsExactly(".");
        assertThat(generate.getTemperature()).isEqualTo(1.0);
    }

    @Test
    void aTransformerSerialisesWithoutItsModel() throws Exception {
        Gpt1GenerateTransformer generate =
                new Gpt1GenerateTransformer("g").setModelPath(TINY).setStop(".");
        generate.model(spark);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(generate);
        }
        Object back;
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = in.readObject();
        }
        assertThat(((Gpt1GenerateTransformer) back).taskSpec()).isEqualTo(generate.taskSpec());
        assertThat(bytes.size()).as("no weights inside").isLessThan(64 * 1024);
    }

    @Test
    void explainParamsDocumentsEveryParam() {
        String explained = new Gpt1EmbedTransformer().explainParams();
        for (String name :
                List.of(
                        "modelPath",
                        "nHead",
                        "precision",
                        "inputCol",
                        "textCol",
                        "outputCol",
                        "idCol",
                        "batchDocs",
                        "batchTokens",
                        "outputPrefix",
                        "pooling",
                        "normalize",
                        "longInput",
                        "windowStride")) {
            assertThat(explained).contains(name + ": ");
        }
        assertThat(explained).contains("(default: mean)").contains("(default: auto)");
        // n-head's declaration, with the 0 a param needs for "not given"
        assertThat(explained)
                .contains(
                        "nHead: Attention heads, for an OpenAI-format checkpoint without a"
                                + " config.json; 0 for the default: n_embd / 64, the real GPT-1's"
                                + " head width (default: 0)");
    }

    @Test
    void stagesWithPrefixesComposeInAPipeline(@TempDir Path dir) throws Exception {
        Dataset<Row> docs = MlFixtures.docs(spark);
        Gpt1ScoreTransformer score = score("score").setOutputPrefix("score_");
        Gpt1EmbedTransformer embed =
                new Gpt1EmbedTransformer("embed").setModelPath(TINY).setOutputPrefix("embed_");
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {score, embed});

        PipelineModel model = pipeline.fit(docs);
        Dataset<Row> out = model.transform(docs);

        assertThat(out.columns())
                .containsExactly(
                        "id",
                        "text",
                        "lang",
                        "score_nll",
                        "score_mean_nll",
                        "score_perplexity",
                        "score_n_tokens",
                        "score_n_scored",
                        "score_error",
                        "embed_embedding",
                        "embed_n_tokens",
                        "embed_truncated",
                        "embed_n_windows",
                        "embed_error");
        List<Row> rows = MlFixtures.sorted(out);
        List<Row> scored = MlFixtures.sorted(score("alone").transform(docs));
        List<Row> embedded =
                MlFixtures.sorted(new Gpt1EmbedTransformer().setModelPath(TINY).transform(docs));
        assertThat(MlFixtures.column(rows, "score_nll"))
                .isEqualTo(MlFixtures.column(scored, "nll"));
        assertThat(MlFixtures.column(rows, "embed_embedding"))
                .isEqualTo(MlFixtures.column(embedded, "embedding"));
        assertThat(MlFixtures.column(rows, "embed_error")).isEqualTo(MlFixtures.MODEL_ERRORS);

        String saved = dir.resolve("pipeline").toString();
        model.write().save(saved);
        PipelineModel loaded = PipelineModel.load(saved);
        assertThat(loaded.stages()[0]).isInstanceOf(Gpt1ScoreTransformer.class);
        assertThat(((Gpt1EmbedTransformer) loaded.stages()[1]).getOutputPrefix())
                .isEqualTo("embed_");
        assertThat(MlFixtures.sorted(loaded.transform(docs))).isEqualTo(rows);
    }

    @Test
    void stagesWithoutPrefixesClashWhenThePipelineIsFitted() {
        Pipeline pipeline =
                new Pipeline()
                        .setStages(
                                new PipelineStage[] {
                                    score("score"),
                                    new Gpt1EmbedTransformer("embed").setModelPath(TINY)
                                });
        assertThatThrownBy(() -> pipeline.fit(MlFixtures.docs(spark)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "embed: the input already has the output columns [n_tokens, error]; set"
                                + " outputPrefix (e.g. \"embed_\") or rename them");
    }

    @Test
    void aTransformerSavesAndLoadsItsParams(@TempDir Path dir) throws Exception {
        Gpt1GenerateTransformer generate =
                new Gpt1GenerateTransformer("g")
                        .setModelPath(TINY)
                        .setIdCol("id")
                        .setStrategy("sample")
                        .setTemperature(0.7)
                        .setTopP(0.9)
                        .setSeed(5L)
                        .setStop(".", "\n")
                        .setOutputPrefix("gen_");
        String path = dir.resolve("generate").toString();
        generate.write().save(path);

        Gpt1GenerateTransformer loaded = Gpt1GenerateTransformer.load(path);

        assertThat(loaded.uid()).isEqualTo("g");
        assertThat(loaded.taskSpec()).isEqualTo(generate.taskSpec());
        assertThat(loaded.getModelPath()).isEqualTo(TINY);
        assertThat(loaded.getIdCol()).isEqualTo("id");
        assertThat(loaded.getOutputPrefix()).isEqualTo("gen_");
        assertThat(values(loaded)).isEqualTo(values(generate));

        Gpt1TokenizeTransformer tokenize = new Gpt1TokenizeTransformer("t");
        tokenize.save(dir.resolve("t").toString());
        assertThat(Gpt1TokenizeTransformer.load(dir.resolve("t").toString()).uid()).isEqualTo("t");
        Gpt1EmbedTransformer embed =
                new Gpt1EmbedTransformer().setPooling("max").setNormalize(true);
        embed.save(dir.resolve("e").toString());
        assertThat(Gpt1EmbedTransformer.load(dir.resolve("e").toString()).taskSpec())
                .isEqualTo(embed.taskSpec());
        Gpt1ScoreTransformer score = new Gpt1ScoreTransformer().setWindowStride(16);
        score.save(dir.resolve("s").toString());
        assertThat(Gpt1ScoreTransformer.load(dir.resolve("s").toString()).taskSpec())
                .isEqualTo(score.taskSpec());
        Gpt1ClassifyTransformer classify = new Gpt1ClassifyTransformer().setBatchTokens(100);
        classify.save(dir.resolve("c").toString());
        assertThat(Gpt1ClassifyTransformer.load(dir.resolve("c").toString()).taskSpec())
                .isEqualTo(classify.taskSpec());
    }

    /** Every param's value by name, arrays as lists so that they compare by content. */
    private static Map<String, Object> values(Params params) {
        Map<String, Object> out = new TreeMap<>();
        for (Param<?> p : params.params()) {
            if (params.isDefined(p)) {
                Object v = params.getOrDefault(p);
                out.put(p.name(), v instanceof Object[] ? Arrays.asList((Object[]) v) : v);
            }
        }
        return out;
    }
}
