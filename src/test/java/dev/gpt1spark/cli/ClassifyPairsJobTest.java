package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.config.TaskFormat;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.task.ClassifyTask;
import dev.gpt1spark.task.Document;
import dev.gpt1spark.task.TaskResult;
import dev.gpt1spark.testing.SlowTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify --text2-col} as a Spark job on a checkpoint fine-tuned on text pairs. */
@SlowTier
class ClassifyPairsJobTest {
    private static final int VOCAB = 40478;

    @TempDir static Path dir;
    private static Path pairModel;
    private static Path singleModel;
    private static Path corpus;

    /** Premise/hypothesis rows; the last has no hypothesis. */
    private static final List<Document> PAIRS =
            List.of(
                    new Document("p0", "the house by the river", "a glad stone"),
                    new Document("p1", "the house by the river", "a sad stone"),
                    new Document("p2", "she walked slowly", "nobody walked"),
                    new Document("p3", "blue", "the blue house over the river it was"));

    @BeforeAll
    static void writeModelsAndCorpus() throws IOException {
        // As finetune --text2-col writes it: three task tokens after the vocabulary, a head.
        ModelConfig pairs =
                new ModelConfig(
                        1,
                        2,
                        32,
                        32,
                        VOCAB + 3,
                        Activation.GELU_TANH,
                        1e-5,
                        List.of("no", "yes"),
                        TaskFormat.appendedTo(VOCAB, true));
        pairModel = dir.resolve("pairs");
        CheckpointWriter.writeHf(RandomInit.create(pairs, 1), pairModel, false);
        ModelConfig single =
                new ModelConfig(
                        1, 2, 32, 32, VOCAB, Activation.GELU_TANH, 1e-5, List.of("no", "yes"));
        singleModel = dir.resolve("single");
        CheckpointWriter.writeHf(RandomInit.create(single, 1), singleModel, false);

        List<String> lines = new ArrayList<>();
        for (Document d : PAIRS) {
            lines.add(
                    String.format(
                            "{\"id\": \"%s\", \"premise\": \"%s\", \"hypothesis\": \"%s\"}",
                            d.id(), d.text(), d.text2()));
        }
        lines.add("{\"id\": \"no-hypothesis\", \"premise\": \"the house\"}");
        corpus = dir.resolve("pairs.jsonl");
        Files.write(corpus, lines);
    }

    @AfterEach
    void noSessionLeft() {
        assertThat(SparkSession.getActiveSession().isDefined()).isFalse();
    }

    @Test
    void aJobClassifiesEachPairAsTheInProcessTaskDoes() throws IOException {
        Path out = dir.resolve("out");
        Path job = dir.resolve("classify.conf");
        Files.write(
                job,
                List.of(
                        "model = " + pairModel,
                        "input = " + corpus,
                        "output = " + out,
                        "text-col = premise",
                        "text2-col = hypothesis",
                        "partitions = 2",
                        "precision = fp32", // as the in-process task below computes
                        "progress-interval = 0"));
        CliRun run = CliRun.of("classify", "--job", job.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = run.lines().get(0);
        assertThat(summary.get("input").get("text2_col").asText()).isEqualTo("hypothesis");
        assertThat(summary.get("rows_with_error").asLong()).isEqualTo(1);

        Map<String, Row> rows = byId(out);
        assertThat(rows).hasSize(PAIRS.size() + 1);
        assertThat(rows.get("no-hypothesis").<String>getAs("error"))
                .isEqualTo(
                        "text2 is null (the checkpoint was fine-tuned on pairs: give text2 too)");
        int probabilitiesAt =
                ClassifyTask.FIELDS.stream().map(f -> f.name()).toList().indexOf("probabilities");
        List<TaskResult> expected;
        try (Gpt1Model model = Gpt1Model.load(CheckpointReader.read(pairModel, null));
                ClassifyTask task = new ClassifyTask(model, 8192)) {
            expected = task.process(PAIRS);
        }
        for (int i = 0; i < PAIRS.size(); i++) {
            Row row = rows.get(PAIRS.get(i).id());
            assertThat(row.<String>getAs("error")).isNull();
            List<Float> actual = row.getList(row.fieldIndex("probabilities"));
            float[] want = (float[]) expected.get(i).values()[probabilitiesAt];
            assertThat(actual).hasSize(2);
            for (int c = 0; c < want.length; c++) {
                assertThat(actual.get(c)).isCloseTo(want[c], within(1e-5f));
            }
        }
        // Both texts of each pair reached the model: their tokens are counted together.
        assertThat(summary.get("tokens_this_run").asLong())
                .isEqualTo(expected.stream().mapToLong(TaskResult::tokens).sum());
    }

    @Test
    void thePairFormOfTheCheckpointAndTheOptionMustAgree() {
        CliRun missing = job("missing", "--model", pairModel.toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err())
                .contains(
                        "the checkpoint was fine-tuned on text pairs (task_input \"pair\"): set"
                                + " --text2-col");
        assertThat(dir.resolve("missing")).doesNotExist();

        CliRun extra = job("extra", "--model", singleModel.toString(), "--text2-col", "hypothesis");
        assertThat(extra.exitCode()).isEqualTo(1);
        assertThat(extra.err())
                .contains("--text2-col needs a checkpoint fine-tuned on text pairs")
                .contains("leave --text2-col out");
        assertThat(dir.resolve("extra")).doesNotExist();
    }

    @Test
    void textInputAndOtherCommandsRefuseTheOption() throws IOException {
        Path text = dir.resolve("lines.txt");
        Files.write(text, List.of("one line", "another"));
        CliRun fromText =
                CliRun.of(
                        "classify",
                        "--model",
                        pairModel.toString(),
                        "--input",
                        text.toString(),
                        "--text2-col",
                        "hypothesis",
                        "--output",
                        dir.resolve("from-text").toString());
        assertThat(fromText.exitCode()).isEqualTo(1);
        assertThat(fromText.err())
                .contains("Cannot read --text2-col from text input")
                .contains("give jsonl, csv or parquet input");

        CliRun inProcess =
                CliRun.of(
                        "classify",
                        "--model",
                        pairModel.toString(),
                        "--text2-col",
                        "h",
                        "--text",
                        "x");
        assertThat(inProcess.exitCode()).isEqualTo(1);
        assertThat(inProcess.err()).contains("--text2-col is for Spark jobs (--input)");

        CliRun embed =
                CliRun.of("embed", "--model", pairModel.toString(), "--text2-col", "hypothesis");
        assertThat(embed.exitCode()).isEqualTo(2);
        assertThat(embed.err()).contains("Unknown option").contains("'--text2-col'");
    }

    private static CliRun job(String output, String... args) {
        List<String> all =
                new ArrayList<>(
                        List.of(
                                "classify",
                                "--input",
                                corpus.toString(),
                                "--text-col",
                                "premise",
                                "--output",
                                dir.resolve(output).toString(),
                                "--progress-interval",
                                "0"));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** The output's rows by id, each id at most once. */
    private static Map<String, Row> byId(Path parquet) {
        return Rows.query(
                parquet.toString(),
                output -> {
                    Map<String, Row> rows = new HashMap<>();
                    for (Row r : output.collectAsList()) {
                        assertThat(rows.put(r.getString(0), r))
                                .as("id %s twice", r.getString(0))
                                .isNull();
                    }
                    return rows;
                });
    }
}
