package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.testing.SlowTier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** finetune and pretrain from the command line: Spark-read data, then classify the result. */
@SlowTier
class TrainingCliTest {
    @TempDir Path dir;

    @AfterEach
    void noSessionLeft() {
        assertThat(SparkSession.getActiveSession().isDefined()).isFalse();
    }

    private Path tinyModel() {
        Path model = dir.resolve("tiny");
        CheckpointWriter.writeHf(
                RandomInit.create(
                        new ModelConfig(1, 2, 32, 32, 40478, Activation.GELU_TANH, 1e-5, List.of()),
                        1),
                model,
                false);
        return model;
    }

    /** A CSV whose label is "yes" when "glad" is among the words, "no" for "sad". */
    private Path labelledCsv(int rows) throws IOException {
        String[] filler = {"the", "a", "house", "river", "walked", "slowly", "blue", "stone"};
        Random random = new Random(3);
        List<String> lines = new ArrayList<>(List.of("text,sentiment"));
        for (int i = 0; i < rows; i++) {
            boolean yes = random.nextBoolean();
            List<String> words = new ArrayList<>();
            for (int w = 2 + random.nextInt(5); w > 0; w--) {
                words.add(filler[random.nextInt(filler.length)]);
            }
            words.add(random.nextInt(words.size() + 1), yes ? "glad" : "sad");
            lines.add("\"" + String.join(" ", words) + "\"," + (yes ? "yes" : "no"));
        }
        Path csv = dir.resolve("labelled.csv");
        Files.write(csv, lines);
        return csv;
    }

    @Test
    void finetuneThenClassifyTheSameWay() throws IOException {
        Path out = dir.resolve("tuned");
        Path model = tinyModel();
        CliRun noLabel =
                CliRun.of(
                        "finetune",
                        "--model",
                        model.toString(),
                        "--input",
                        labelledCsv(10).toString(),
                        "--output",
                        out.toString());
        assertThat(noLabel.exitCode()).isEqualTo(1);
        assertThat(noLabel.err())
                .contains(
                        "gpt1 finetune: input has no column \"label\" (columns: text, sentiment);"
                                + " set --label-col");
        CliRun tuned =
                CliRun.of(
                        "finetune",
                        "--model",
                        model.toString(),
                        "--input",
                        labelledCsv(300).toString(),
                        "--label-col",
                        "sentiment",
                        "--output",
                        out.toString(),
                        "--epochs",
                        "3",
                        "--batch-size",
                        "16",
                        "--lr",
                        "5e-3",
                        "--lm-weight",
                        "0",
                        "--validation-fraction",
                        "0.2",
                        "--seed",
                        "7");
        assertThat(tuned.exitCode()).as(tuned.err()).isZero();
        JsonNode summary = tuned.lines().get(0);
        assertThat(summary.get("train_examples").asInt()).isEqualTo(240);
        assertThat(summary.get("epochs").get(2).get("accuracy").asDouble()).isGreaterThan(0.9);
        assertThat(tuned.err()).contains("epoch 3/3");
        assertThat(out.resolve("finetune_summary.json")).exists();

        CliRun classified =
                CliRun.of(
                        "classify",
                        "--model",
                        out.toString(),
                        "--text",
                        "the river was glad",
                        "--text",
                        "a sad stone");
        assertThat(classified.exitCode()).as(classified.err()).isZero();
        assertThat(classified.lines())
                .extracting(l -> l.get("label").asText())
                .containsExactly("yes", "no");
    }

    @Test
    void pairCheckpointsClassifyJsonLinesWithText2() throws IOException {
        Path jsonl = dir.resolve("pairs.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add(
                    "{\"premise\": \"the house\", \"hypothesis\": \""
                            + (i % 2 == 0 ? "glad" : "sad")
                            + " river\", \"label\": "
                            + (i % 2)
                            + "}");
        }
        Files.write(jsonl, lines);
        Path out = dir.resolve("pairs");
        CliRun tuned =
                CliRun.of(
                        "finetune",
                        "--model",
                        tinyModel().toString(),
                        "--input",
                        jsonl.toString(),
                        "--text-col",
                        "premise",
                        "--text2-col",
                        "hypothesis",
                        "--head-only",
                        "--epochs",
                        "1",
                        "--output",
                        out.toString());
        assertThat(tuned.exitCode()).as(tuned.err()).isZero();
        assertThat(tuned.lines().get(0).get("labels").toString()).isEqualTo("[\"0\",\"1\"]");

        CliRun classified =
                CliRun.withInput(
                        "{\"text\": \"the house\", \"text2\": \"glad river\"}\n"
                                + "{\"text\": \"the house\"}\n",
                        "classify",
                        "--model",
                        out.toString());
        assertThat(classified.exitCode()).as(classified.err()).isZero();
        List<JsonNode> rows = classified.lines();
        assertThat(rows.get(0).get("error").isNull()).isTrue();
        assertThat(rows.get(0).get("probabilities")).hasSize(2);
        assertThat(rows.get(1).get("error").asText()).startsWith("text2 is null");
    }

    @Test
    void pretrainFromAPresetWritesEpochsAndAFinalModel() throws IOException {
        Path text = dir.resolve("book.txt");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            lines.add("the cat sat on the mat and the dog sat on the log.");
        }
        Files.write(text, lines);
        Path out = dir.resolve("lm");
        CliRun run =
                CliRun.of(
                        "pretrain",
                        "--input",
                        text.toString(),
                        "--n-layer",
                        "1",
                        "--n-embd",
                        "32",
                        "--n-head",
                        "2",
                        "--n-positions",
                        "32",
                        "--epochs",
                        "2",
                        "--batch-size",
                        "8",
                        "--lr",
                        "1e-2",
                        "--block-size",
                        "32",
                        "--output",
                        out.toString(),
                        "--float16");
        assertThat(run.exitCode()).as(run.err()).isZero();
        CliRun again =
                CliRun.of("pretrain", "--input", text.toString(), "--output", out.toString());
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err())
                .contains(
                        "gpt1 pretrain: "
                                + out
                                + " already holds pre-training checkpoints; use --resume to"
                                + " continue or pick another folder");
        JsonNode epochs = run.lines().get(0).get("epochs");
        assertThat(epochs.get(1).get("trainLoss").asDouble())
                .isLessThan(epochs.get(0).get("trainLoss").asDouble());
        assertThat(out.resolve("epoch-2").resolve("pretrain_state.json")).exists();
        CliRun generated =
                CliRun.of(
                        "generate",
                        "--model",
                        out.resolve("final").toString(),
                        "--text",
                        "the cat sat on",
                        "--max-new-tokens",
                        "3");
        assertThat(generated.exitCode()).as(generated.err()).isZero();
    }
}
