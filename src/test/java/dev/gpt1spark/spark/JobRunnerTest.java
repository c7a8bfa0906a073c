package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.checkpoint.Presets;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.cli.CliRunner;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.testing.FailingCommitter;
import dev.gpt1spark.testing.ReferenceModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole jobs on local Spark: every id once, documented schema, bad rows, modes and resume. */
class JobRunnerTest extends SparkTestBase {
    private static final String MODEL = ReferenceModels.all().get(1).dir().toString();
    @TempDir static Path dir;
    private static Path corpus;
    private static final int GOOD_ROWS = 40;

    /**
     * Tokens of the "long" document: more than the model's 128 positions and than one 4096-token
     * batch, so it is truncated, windowed and split across batches; not more, since every score job
     * pays for each of its windows.
     */
    private static final int LONG_TOKENS = 4_500;

    @BeforeAll
    static void writeCorpus() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < GOOD_ROWS; i++) {
            lines.add(
                    "{\"id\":\"g"
                            + i
                            + "\",\"text\":\"Document number "
                            + i
                            + " is about "
                            + "cats and dogs ".repeat(i % 7)
                            + "\",\"src\":\"s"
                            + i % 3
                            // a per-row max-new-tokens for generate; g8's cannot be read
                            + (i % 4 == 0 ? "\",\"n\":\"" + (i == 8 ? "many" : 1 + i % 3) : "")
                            + "\"}");
        }
        lines.add("{\"id\":\"null-text\",\"text\":null,\"src\":\"x\"}");
        lines.add("{\"id\":\"missing-text\",\"src\":\"x\"}");
        lines.add("{\"id\":\"empty\",\"text\":\"\",\"src\":\"x\"}");
        lines.add("{\"id\":\"blank\",\"text\":\"   \\t \",\"src\":\"x\"}");
        lines.add(
                "{\"id\":\"long\",\"text\":\"" + "word ".repeat(LONG_TOKENS) + "\",\"src\":\"x\"}");
        lines.add("{\"id\":\"number\",\"text\":12345,\"src\":\"x\"}");
        lines.add("{\"id\":\"broken\",\"text\":\"unterminated");
        corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, lines, StandardCharsets.UTF_8);
    }

    private static JobOptions job(TaskSpec spec, String output, OutputMode mode) {
        InputSpec input = InputSpec.of(corpus.toString()).withKeepCols(List.of("src"));
        return new JobOptions(spec, MODEL, null, Precision.FP32, input, output, mode, 6, 8, 0);
    }

    private static Map<String, Row> byId(String output) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : spark.read().parquet(output).collectAsList()) {
            assertThat(rows.put(r.getString(0), r)).as("id %s twice", r.getString(0)).isNull();
        }
        return rows;
    }

    @Test
    void everyCommandWritesEveryIdOnceWithTheDocumentedSchema() {
        Map<TaskSpec, String> schemas = new java.util.LinkedHashMap<>();
        schemas.put(
                TaskSpec.of(TaskKind.TOKENIZE),
                "id:string,src:string,ids:array<int>,tokens:array<string>,n_tokens:int,error:string");
        schemas.put(
                TaskSpec.of(TaskKind.EMBED),
                "id:string,src:string,embedding:array<float>,n_tokens:int,truncated:boolean,n_windows:int,error:string");
        schemas.put(
                TaskSpec.of(TaskKind.SCORE)
                        .with(TaskSettings.WINDOW_STRIDE, 0)
                        .with(TaskSettings.BATCH_TOKENS, 4096),
                "id:string,src:string,nll:double,mean_nll:double,perplexity:double,n_tokens:int,n_scored:int,error:string");
        schemas.put(
                TaskSpec.of(TaskKind.GENERATE).with(TaskSettings.MAX_NEW_TOKENS, 4),
                "id:string,src:string,sample_index:int,continuation:string,continuation_ids:array<int>,n_prompt_tokens:int,n_generated:int,finish_reason:string,token_logprobs:array<float>,cumulative_logprob:double,error:string");
        for (Map.Entry<TaskSpec, String> e : schemas.entrySet()) {
            String output = dir.resolve("out-" + e.getKey().command()).toString();
            Map<String, Object> summary =
                    JobRunner.run(spark, job(e.getKey(), output, OutputMode.ERROR));
            Dataset<Row> out = spark.read().parquet(output);
            assertThat(out.schema().simpleString()).isEqualTo("struct<" + e.getValue() + ">");
            Map<String, Row> rows = byId(output);
            assertThat(rows).hasSize(GOOD_ROWS + 7);
            assertThat(summary.get("rows_out")).isEqualTo((long) GOOD_ROWS + 7);
            assertThat(Files.exists(Path.of(output, "_gpt1_summary.json"))).isTrue();
            String err = "error";
            assertThat(rows.get("null-text").<String>getAs(err)).isEqualTo("text is null");
            assertThat(rows.get("missing-text").<String>getAs(err)).isEqualTo("text is null");
            // A malformed line has no readable id: it is one row, named by its file and line.
            assertThat(rows.get("corpus.jsonl:" + (GOOD_ROWS + 7)).<String>getAs(err))
                    .isEqualTo("malformed JSON record");
            assertThat(rows.get("number").<String>getAs(err)).isNull(); // read as the text "12345"
            assertThat(rows.get("long").<String>getAs(err)).isNull();
            assertThat(rows.get("g3").<String>getAs("src")).isEqualTo("s0");
            if (e.getKey().kind() != TaskKind.TOKENIZE) {
                assertThat(rows.get("empty").<String>getAs(err))
                        .isEqualTo("empty after tokenization");
                assertThat(rows.get("blank").<String>getAs(err))
                        .isEqualTo("empty after tokenization");
                assertThat(summary.get("rows_with_error")).isEqualTo(5L);
            }
        }
        Row longEmbedding = byId(dir.resolve("out-embed").toString()).get("long");
        assertThat(longEmbedding.<Boolean>getAs("truncated")).isTrue();
        assertThat(longEmbedding.<Integer>getAs("n_tokens")).isEqualTo(LONG_TOKENS);
    }

    @Test
    void valuesEqualTheInProcessCommandLine() {
        String output = dir.resolve("score-vs-cli").toString();
        JobRunner.run(
                spark,
                job(
                        TaskSpec.of(TaskKind.SCORE)
                                .with(TaskSettings.WINDOW_STRIDE, 0)
                                .with(TaskSettings.BATCH_TOKENS, 4096),
                        output,
                        OutputMode.ERROR));
        Map<String, Row> rows = byId(output);
        List<Map<String, Object>> cli =
                CliRunner.jsonLines(corpus, "score", "--model", MODEL, "--precision", "fp32");
        assertThat(cli).hasSize(rows.size());
        for (Map<String, Object> line : cli) {
            if (line.get("id") == null) {
                continue; // the malformed line: Spark flags it, the CLI reads it as plain text
            }
            Row row = rows.get((String) line.get("id"));
            assertThat(row).isNotNull();
            assertThat((Object) row.getAs("n_scored")).isEqualTo(line.get("n_scored"));
            if (line.get("nll") != null) {
                assertThat(row.<Double>getAs("nll"))
                        .isCloseTo(
                                ((Number) line.get("nll")).doubleValue(),
                                org.assertj.core.data.Percentage.withPercentage(1e-4));
            }
        }
    }

    @Test
    void errorModeRefusesAnExistingOutputAndOverwriteReplacesIt() {
        String output = dir.resolve("modes").toString();
        JobRunner.run(spark, job(TaskSpec.of(TaskKind.TOKENIZE), output, OutputMode.ERROR));
        assertThatThrownBy(
                        () ->
                                JobRunner.run(
                                        spark,
                                        job(
                                                TaskSpec.of(TaskKind.TOKENIZE),
                                                output,
                                                OutputMode.ERROR)))
                .hasMessage(
                        "output "
                                + output
                                + " already exists; use mode overwrite to replace it or mode resume to finish an interrupted run");
        JobRunner.run(spark, job(TaskSpec.of(TaskKind.TOKENIZE), output, OutputMode.OVERWRITE));
        assertThat(byId(output)).hasSize(GOOD_ROWS + 7);
    }

    @Test
    void aRunThatDiedMidwayResumesWithExactlyOneRowPerInput() throws Exception {
        String output = dir.resolve("resume").toString();
        JobOptions first =
                job(
                        TaskSpec.of(TaskKind.SCORE)
                                .with(TaskSettings.WINDOW_STRIDE, 0)
                                .with(TaskSettings.BATCH_TOKENS, 4096),
                        output,
                        OutputMode.ERROR);
        // local[2] does not retry a task: the failed chunk ends the run.
        try (AutoCloseable fault = FailingCommitter.on(spark, 4)) {
            assertThatThrownBy(() -> JobRunner.run(spark, first))
                    .hasStackTraceContaining(FailingCommitter.message(4));
        }
        OutputFolder folder = new OutputFolder(output, spark.sparkContext().hadoopConfiguration());
        assertThat(folder.committedChunks()).doesNotContain(4).isNotEmpty();
        Map<String, Object> summary =
                JobRunner.run(
                        spark,
                        job(
                                TaskSpec.of(TaskKind.SCORE)
                                        .with(TaskSettings.WINDOW_STRIDE, 0)
                                        .with(TaskSettings.BATCH_TOKENS, 4096),
                                output,
                                OutputMode.RESUME));
        assertThat(byId(output)).hasSize(GOOD_ROWS + 7);
        assertThat((Integer) summary.get("chunks_resumed")).isPositive();
        assertThat((Long) summary.get("rows_this_run")).isLessThan(GOOD_ROWS + 7);

        assertThatThrownBy(
                        () ->
                                JobRunner.run(
                                        spark,
                                        job(
                                                TaskSpec.of(TaskKind.SCORE)
                                                        .with(TaskSettings.WINDOW_STRIDE, 64)
                                                        .with(TaskSettings.BATCH_TOKENS, 4096),
                                                output,
                                                OutputMode.RESUME)))
                .hasMessageStartingWith(
                        "Cannot resume "
                                + output
                                + ": it was written by a different job (options was");
    }

    @Test
    void severalSamplesPerRowResumeToTheTextOfARunWithoutFailure() throws Exception {
        TaskSpec spec =
                TaskSpec.of(TaskKind.GENERATE)
                        .with(TaskSettings.MAX_NEW_TOKENS, 4)
                        .with(TaskSettings.STRATEGY, "sample")
                        .with(TaskSettings.NUM_RETURN_SEQUENCES, 3)
                        .with(TaskSettings.MAX_NEW_TOKENS_COL, "n");
        String clean = dir.resolve("samples-clean").toString();
        Map<String, Object> summary = JobRunner.run(spark, job(spec, clean, OutputMode.ERROR));
        int rows = GOOD_ROWS + 7;
        assertThat(summary.get("rows_in")).isEqualTo((long) rows);
        assertThat(summary.get("rows_out")).isEqualTo(3L * rows);
        Map<String, List<Integer>> indices = new HashMap<>();
        Map<String, String> texts = samples(clean);
        for (Row r : spark.read().parquet(clean).collectAsList()) {
            indices.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                    .add(r.<Integer>getAs("sample_index"));
        }
        assertThat(indices).hasSize(rows);
        assertThat(indices.values())
                .allSatisfy(i -> assertThat(i).containsExactlyInAnyOrder(0, 1, 2));
        assertThat(texts.get("g5#0")).isNotEqualTo(texts.get("g5#1"));
        // Rows with an n generate that many tokens (1 + i % 3), the others max-new-tokens.
        Map<String, Row> firstSamples = new HashMap<>();
        spark.read()
                .parquet(clean)
                .filter("sample_index = 0")
                .collectAsList()
                .forEach(r -> firstSamples.put(r.getString(0), r));
        assertThat(firstSamples.get("g4").<Integer>getAs("n_generated")).isEqualTo(2);
        assertThat(firstSamples.get("g12").<Integer>getAs("n_generated")).isEqualTo(1);
        assertThat(firstSamples.get("g5").<Integer>getAs("n_generated")).isEqualTo(4);
        assertThat(firstSamples.get("g8").<String>getAs("error"))
                .isEqualTo("column \"n\": max-new-tokens must be a whole number, got \"many\"");
        assertThat(spark.read().parquet(clean).columns()).doesNotContain("n");
        assertThat(spark.read().parquet(clean).filter("id = 'empty'").collectAsList())
                .extracting(r -> r.<String>getAs("error"))
                .containsExactly(
                        "empty after tokenization",
                        "empty after tokenization",
                        "empty after tokenization");

        // A chunk fails once; the resumed run must write the same samples, each once.
        String resumed = dir.resolve("samples-resumed").toString();
        try (AutoCloseable fault = FailingCommitter.on(spark, 4)) {
            assertThatThrownBy(() -> JobRunner.run(spark, job(spec, resumed, OutputMode.ERROR)))
                    .hasStackTraceContaining(FailingCommitter.message(4));
        }
        Map<String, Object> again = JobRunner.run(spark, job(spec, resumed, OutputMode.RESUME));
        assertThat(again.get("rows_out")).isEqualTo(3L * rows);
        assertThat((Integer) again.get("chunks_resumed")).isPositive();
        assertThat(samples(resumed)).isEqualTo(texts);
    }

    /**
     * Each sample's continuation (or error) by id#sample_index; fails on a sample written twice.
     */
    private static Map<String, String> samples(String output) {
        Map<String, String> out = new HashMap<>();
        for (Row r : spark.read().parquet(output).collectAsList()) {
            String key = r.getString(0) + "#" + r.<Integer>getAs("sample_index");
            String value =
                    r.<String>getAs("error") != null
                            ? "error: " + r.<String>getAs("error")
                            : r.<String>getAs("continuation");
            assertThat(out.put(key, value)).as("%s twice", key).isNull();
        }
        return out;
    }

    @Test
    void classifyUsesTheCheckpointsHead() {
        Path model = dir.resolve("classifier");
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
                        List.of("neg", "pos", "mixed"));
        CheckpointWriter.writeHf(RandomInit.create(config, 3), model, false);
        String output = dir.resolve("classes").toString();
        InputSpec input = InputSpec.of(corpus.toString());
        JobRunner.run(
                spark,
                new JobOptions(
                        TaskSpec.of(TaskKind.CLASSIFY).with(TaskSettings.BATCH_TOKENS, 4096),
                        model.toString(),
                        null,
                        Precision.FP32,
                        input,
                        output,
                        OutputMode.ERROR,
                        4,
                        8,
                        0));
        Map<String, Row> rows = byId(output);
        assertThat(rows).hasSize(GOOD_ROWS + 7);
        Row row = rows.get("g1");
        assertThat(row.<String>getAs("label")).isIn("neg", "pos", "mixed");
        List<Float> p = row.getList(row.fieldIndex("probabilities"));
        assertThat(p).hasSize(3);
        assertThat(p.get(0) + p.get(1) + p.get(2))
                .isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(List.of("neg", "pos", "mixed").get(row.<Integer>getAs("label_id")))
                .isEqualTo(row.<String>getAs("label"));
    }

    @Test
    void classifyNeedsAHead() {
        assertThatThrownBy(
                        () ->
                                JobRunner.run(
                                        spark,
                                        job(
                                                TaskSpec.of(TaskKind.CLASSIFY)
                                                        .with(TaskSettings.BATCH_TOKENS, 4096),
                                                dir.resolve("clf").toString(),
                                                OutputMode.ERROR)))
                .hasMessageStartingWith("the model has no classification head");
    }
}
