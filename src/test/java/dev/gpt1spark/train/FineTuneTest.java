package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.config.TaskFormat;
import dev.gpt1spark.inference.Classification;
import dev.gpt1spark.inference.Classifier;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.tokenizer.Encoding;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fine-tunes a tiny random model on a synthetic task and reloads what it wrote. */
class FineTuneTest {
    private static final List<String> FILLER =
            List.of(
                    "the", "a", "house", "river", "walked", "slowly", "blue", "stone", "over",
                    "it");

    @TempDir static Path dir;
    static FineTuneJob.Outcome single;

    /** A 1-layer, 32-wide model with the real tokenizer's vocabulary. */
    static Checkpoint tinyModel(long seed) {
        return RandomInit.create(
                new ModelConfig(1, 2, 32, 32, 40478, Activation.GELU_TANH, 1e-5, List.of()), seed);
    }

    /** "glad" somewhere among filler words is label yes, "sad" is no. */
    static List<LabelledText> sentiment(int n, long seed) {
        Random random = new Random(seed);
        List<LabelledText> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            boolean yes = random.nextBoolean();
            List<String> words = new ArrayList<>();
            for (int w = 2 + random.nextInt(6); w > 0; w--) {
                words.add(FILLER.get(random.nextInt(FILLER.size())));
            }
            words.add(random.nextInt(words.size() + 1), yes ? "glad" : "sad");
            rows.add(new LabelledText("r" + i, String.join(" ", words), null, yes ? "yes" : "no"));
        }
        return rows;
    }

    static TrainingOptions options(int epochs, double lr, double lmWeight) {
        return new TrainingOptions(lr, epochs, 16, 0.002, 0.01, 0.1f, lmWeight, 0.2, 7);
    }

    /**
     * The paper's recipe except the learning rate and the auxiliary LM loss: a random model has no
     * language knowledge for the LM loss to preserve, and on a 1-layer model that loss (about 9
     * nats at first, against 0.69 for the labels) takes over its capacity: with weight 0.5 the
     * labels stay at chance after 3 epochs, without it they reach 100%. The LM term itself is
     * covered by the gradient check and the pair test below.
     */
    @BeforeAll
    static void fineTune() {
        single =
                FineTuneJob.run(
                        tinyModel(1),
                        sentiment(300, 3),
                        new FineTuneJob.Settings(
                                options(3, 5e-3, 0), false, false, dir.resolve("single")),
                        line -> {});
    }

    @Test
    void wholeModelFineTuningLearnsTheSyntheticTask() {
        List<FineTuneEpoch> epochs = single.summary().epochs();
        assertThat(epochs).hasSize(3);
        assertThat(epochs.get(2).accuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(epochs.get(2).macroF1()).isGreaterThanOrEqualTo(0.95);
        assertThat(epochs.get(2).trainClassLoss()).isLessThan(epochs.get(0).trainClassLoss());
        assertThat(single.validation()).hasSize(60);
        assertThat(single.summary().labels()).containsExactly("no", "yes");
    }

    @Test
    void savedCheckpointClassifiesExactlyAsTheTrainerEvaluated() throws Exception {
        Path out = dir.resolve("single");
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.get("vocab_size").asInt()).isEqualTo(40478 + 3);
        assertThat(config.get("task_tokens").get("_classify_").asInt()).isEqualTo(40480);
        assertThat(config.get("task_input").asText()).isEqualTo("single");
        assertThat(config.get("id2label").get("1").asText()).isEqualTo("yes");
        assertThat(Files.exists(out.resolve(FineTuneJob.SUMMARY_FILE))).isTrue();

        Checkpoint saved = CheckpointReader.read(out, null);
        assertThat(saved.config().taskFormat())
                .isEqualTo(new TaskFormat(40478, 40479, 40480, false));
        try (Gpt1Model model = Gpt1Model.load(saved);
                Classifier classifier = new Classifier(model, 4096)) {
            List<long[]> ids = new ArrayList<>();
            for (LabelledText row : single.validation()) {
                Encoding e = model.tokenizer().encode(row.text());
                ids.add(e.ids());
            }
            List<Classification> classes = classifier.classify(ids);
            for (int i = 0; i < classes.size(); i++) {
                float[] expected = single.probabilities()[i];
                float[] actual = classes.get(i).probabilities();
                for (int j = 0; j < expected.length; j++) {
                    assertThat(actual[j]).isCloseTo(expected[j], within(1e-5f));
                }
            }
        }
    }

    @Test
    void anExistingCheckpointIsRefusedBeforeTraining() {
        List<String> log = new java.util.ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () ->
                                FineTuneJob.run(
                                        tinyModel(1),
                                        sentiment(300, 3),
                                        new FineTuneJob.Settings(
                                                options(3, 5e-3, 0),
                                                false,
                                                false,
                                                dir.resolve("single")),
                                        log::add))
                .hasMessageEndingWith("config.json: already exists; pick another output")
                .satisfies(
                        e ->
                                assertThat(((SettingException) e).message(Spelling.FLAG))
                                        .endsWith(
                                                "config.json: already exists; pick another"
                                                        + " --output"));
        // the job logs "fine-tuning ..." once the model is loaded, before the first step
        assertThat(log).isEmpty();
    }

    @Test
    void headOnlyTrainsOnlyTheHead() {
        FineTuneJob.Outcome outcome =
                FineTuneJob.run(
                        tinyModel(2),
                        sentiment(40, 4),
                        new FineTuneJob.Settings(
                                options(1, 1e-2, 0.5), true, false, dir.resolve("head")),
                        line -> {});

        assertThat(outcome.summary().trainedValues()).isEqualTo(2L * 32);
    }

    @Test
    void pairsWithTheAuxiliaryLossRoundTripThroughClassify() {
        Random random = new Random(5);
        List<LabelledText> pairs = new ArrayList<>();
        for (LabelledText row : sentiment(40, 9)) {
            String first = FILLER.get(random.nextInt(FILLER.size()));
            pairs.add(new LabelledText(row.id(), first, row.text(), row.label()));
        }
        Path out = dir.resolve("pairs");
        FineTuneJob.Outcome outcome =
                FineTuneJob.run(
                        tinyModel(2),
                        pairs,
                        new FineTuneJob.Settings(options(1, 1e-3, 0.5), false, true, out),
                        line -> {});

        List<FineTuneEpoch> epochs = outcome.summary().epochs();
        assertThat(epochs.get(0).trainLmLoss()).isGreaterThan(5);
        Checkpoint saved = CheckpointReader.read(out, null);
        assertThat(saved.config().taskFormat().pair()).isTrue();
        try (Gpt1Model model = Gpt1Model.load(saved);
                Classifier classifier = new Classifier(model, 4096)) {
            List<long[]> first = new ArrayList<>();
            List<long[]> second = new ArrayList<>();
            for (LabelledText row : outcome.validation()) {
                first.add(model.tokenizer().encode(row.text()).ids());
                second.add(model.tokenizer().encode(row.text2()).ids());
            }
            List<Classification> classes = classifier.classify(first, second);
            assertThat(classes).hasSize(8);
            for (int i = 0; i < classes.size(); i++) {
                assertThat(classes.get(i).probabilities()[0])
                        .isCloseTo(outcome.probabilities()[i][0], within(1e-5f));
            }
        }
    }

    /** The summary file keeps the keys users' scripts read, whatever the record's names. */
    @Test
    void summaryFileHasTheDocumentedKeys() throws Exception {
        JsonNode written =
                new ObjectMapper()
                        .readTree(dir.resolve("single").resolve(FineTuneJob.SUMMARY_FILE).toFile());
        List<String> keys = new ArrayList<>();
        written.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "command",
                        "model",
                        "output",
                        "labels",
                        "task_input",
                        "task_tokens",
                        "head_only",
                        "options",
                        "rows_read",
                        "rows_skipped",
                        "train_examples",
                        "validation_examples",
                        "trained_values",
                        "epochs",
                        "wall_s");
        assertThat(written.get("command").asText()).isEqualTo("finetune");
        assertThat(written.get("model").isNull()).as("a model built in memory").isTrue();
        assertThat(written.get("output").asText()).isEqualTo(dir.resolve("single").toString());
        assertThat(written.get("task_tokens").toString())
                .isEqualTo("{\"_start_\":40478,\"_delimiter_\":40479,\"_classify_\":40480}");
        assertThat(written.get("rows_read").asInt()).isEqualTo(300);
        assertThat(written.get("train_examples").asInt()).isEqualTo(240);
        JsonNode epoch = written.get("epochs").get(2);
        List<String> epochKeys = new ArrayList<>();
        epoch.fieldNames().forEachRemaining(epochKeys::add);
        assertThat(epochKeys)
                .containsExactly(
                        "epoch",
                        "steps",
                        "trainLoss",
                        "trainClassLoss",
                        "trainLmLoss",
                        "validationLoss",
                        "accuracy",
                        "macroF1",
                        "seconds");
        assertThat(epoch.get("accuracy").asDouble())
                .isEqualTo(single.summary().epochs().get(2).accuracy());
    }
}
