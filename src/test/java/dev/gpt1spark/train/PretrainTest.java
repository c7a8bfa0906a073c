package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Spelling;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Language-model pre-training of a tiny model on a fixed tiny corpus. */
class PretrainTest {
    @TempDir static Path dir;

    /** The 3-epoch run of {@link #settings}, trained once and read by the tests below. */
    private static PretrainSummary full;

    @BeforeAll
    static void trainThreeEpochs() {
        full =
                PretrainJob.run(
                        FineTuneTest.tinyModel(4),
                        corpus(),
                        settings(dir.resolve("run"), false),
                        l -> {});
    }

    /** Sentences from a small grammar: learnable, but not by rote in a few steps. */
    static List<String> corpus() {
        String[] subjects = {"the cat", "a dog", "my friend", "the old man", "her sister"};
        String[] verbs = {"saw", "liked", "followed", "found", "called"};
        String[] objects = {"the river", "a small house", "the red ball", "his garden", "the moon"};
        Random random = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lines.add(
                    subjects[random.nextInt(5)]
                            + " "
                            + verbs[random.nextInt(5)]
                            + " "
                            + objects[random.nextInt(5)]
                            + ".");
        }
        return lines;
    }

    private static PretrainJob.Settings settings(Path out, boolean resume) {
        TrainingOptions options = new TrainingOptions(1e-2, 3, 4, 0.05, 0.01, 0.1f, 0, 0.1, 5);
        return new PretrainJob.Settings(options, 16, out, resume, true);
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    /** Largest difference between the weights of two checkpoints with the same tensors. */
    private static float largestDifference(Path a, Path b) {
        Checkpoint left = CheckpointReader.read(a, null);
        Checkpoint right = CheckpointReader.read(b, null);
        float largest = 0;
        for (String name : left.tensors().keySet()) {
            FloatBuffer x = left.tensor(name).data().asFloatBuffer();
            FloatBuffer y = right.tensor(name).data().asFloatBuffer();
            assertThat(y.remaining()).isEqualTo(x.remaining());
            for (int i = 0; i < x.remaining(); i++) {
                largest = Math.max(largest, Math.abs(x.get(i) - y.get(i)));
            }
        }
        return largest;
    }

    @Test
    void trainingLossAndValidationPerplexityFall() {
        Path out = dir.resolve("run");
        List<PretrainEpoch> epochs = full.epochs();
        assertThat(epochs).hasSize(3);
        // a random model starts near ln(40478) ≈ 10.6 nats; the grammar needs about 2
        assertThat(epochs.get(0).trainLoss()).isLessThan(10.6);
        assertThat(epochs.get(2).trainLoss()).isLessThan(epochs.get(0).trainLoss() - 2);
        assertThat(epochs.get(2).validationPerplexity())
                .isLessThan(epochs.get(0).validationPerplexity());
        assertThat(epochs.get(2).validationPerplexity()).isLessThan(100);
        assertThat(out.resolve("epoch-3").resolve(PretrainState.FILE)).exists();
        assertThat(out.resolve(PretrainJob.SUMMARY_FILE)).exists();
        Checkpoint last = CheckpointReader.read(out.resolve(PretrainJob.FINAL), null);
        assertThat(last.config().nLayer()).isEqualTo(1);
    }

    @Test
    void resumeContinuesFromTheLatestEpochAndRefusesOtherSettings() throws Exception {
        Path out = dir.resolve("resumed");
        copyTree(dir.resolve("run"), out);
        // as if the run had died during epoch 3
        deleteTree(out.resolve("epoch-3"));
        deleteTree(out.resolve(PretrainJob.FINAL));

        assertThatThrownBy(
                        () ->
                                PretrainJob.run(
                                        FineTuneTest.tinyModel(4),
                                        corpus(),
                                        settings(out, false),
                                        l -> {}))
                .hasMessageContaining("use resume to continue")
                .isInstanceOfSatisfying(
                        SettingException.class,
                        e ->
                                assertThat(e.message(Spelling.FLAG))
                                        .as("as the command line prints it")
                                        .contains("use --resume to continue"));
        PretrainSummary resumed =
                PretrainJob.run(FineTuneTest.tinyModel(99), corpus(), settings(out, true), l -> {});

        assertThat(resumed.resumedAfterEpoch()).isEqualTo(2);
        assertThat(full.resumedAfterEpoch()).isNull();
        assertThat(resumed.steps()).isEqualTo(full.steps());
        List<PretrainEpoch> epochs = resumed.epochs();
        assertThat(epochs).hasSize(3);
        // epochs 1 and 2 are the saved history; epoch 3 trained from epoch 2's weights
        assertThat(epochs.subList(0, 2)).isEqualTo(full.epochs().subList(0, 2));
        assertThat(epochs.get(2).validationPerplexity())
                .isLessThan(epochs.get(1).validationPerplexity() * 1.1);
        assertThat(Files.exists(out.resolve(PretrainJob.FINAL).resolve("config.json"))).isTrue();

        TrainingOptions other = new TrainingOptions(1e-3, 3, 8, 0.05, 0.01, 0.1f, 0, 0.1, 5);
        assertThatThrownBy(
                        () ->
                                PretrainJob.run(
                                        FineTuneTest.tinyModel(4),
                                        corpus(),
                                        new PretrainJob.Settings(other, 16, out, true, false),
                                        l -> {}))
                .hasMessageContaining("cannot resume");
    }

    /**
     * Two epochs in one go, and one epoch then {@code --resume} for the second, end with the same
     * weights: the weights, the schedule, the shuffling and Adam's moments all continue. Dropout is
     * 0 because torch's dropout generator is not saved: a resumed run would draw other masks.
     */
    @Test
    void resumeWithoutDropoutEndsWithTheWeightsOfAnUninterruptedRun() throws Exception {
        TrainingOptions options = new TrainingOptions(1e-2, 2, 4, 0.05, 0.01, 0f, 0, 0.1, 5);
        Path whole = dir.resolve("whole");
        PretrainJob.run(
                FineTuneTest.tinyModel(4),
                corpus(),
                new PretrainJob.Settings(options, 16, whole, false, false),
                l -> {});
        // as if a run had died during epoch 2
        Path resumed = dir.resolve("resumed-exactly");
        Files.createDirectories(resumed);
        copyTree(whole.resolve("epoch-1"), resumed.resolve("epoch-1"));
        PretrainJob.run(
                FineTuneTest.tinyModel(99),
                corpus(),
                new PretrainJob.Settings(options, 16, resumed, true, false),
                l -> {});

        assertThat(largestDifference(whole.resolve("final"), resumed.resolve("final")))
                .isLessThan(1e-6f);

        // an epoch folder from before Adam's state was saved: no moments, no update count
        Path old = dir.resolve("resumed-from-old");
        Files.createDirectories(old);
        copyTree(whole.resolve("epoch-1"), old.resolve("epoch-1"));
        Files.delete(old.resolve("epoch-1").resolve(AdamCheckpoint.FILE));
        Path stateFile = old.resolve("epoch-1").resolve(PretrainState.FILE);
        ObjectMapper json = new ObjectMapper();
        ObjectNode state = (ObjectNode) json.readTree(stateFile.toFile());
        state.remove("adamUpdates");
        json.writeValue(stateFile.toFile(), state);
        List<String> log = new ArrayList<>();
        PretrainJob.run(
                FineTuneTest.tinyModel(99),
                corpus(),
                new PretrainJob.Settings(options, 16, old, true, false),
                log::add);

        assertThat(log).anyMatch(line -> line.contains("Adam restarts"));
        // restarted moments change the result, which the exact comparison above would catch
        assertThat(largestDifference(whole.resolve("final"), old.resolve("final")))
                .isGreaterThan(1e-4f);
    }

    /** The summary file keeps the keys users' scripts read, whatever the record's names. */
    @Test
    void summaryFileHasTheDocumentedKeys() throws Exception {
        JsonNode written =
                new ObjectMapper()
                        .readTree(dir.resolve("run").resolve(PretrainJob.SUMMARY_FILE).toFile());
        List<String> keys = new ArrayList<>();
        written.fieldNames().forEachRemaining(keys::add);
        assertThat(keys)
                .containsExactly(
                        "command",
                        "output",
                        "final_checkpoint",
                        "options",
                        "block_size",
                        "documents",
                        "train_blocks",
                        "validation_blocks",
                        "resumed_after_epoch",
                        "steps",
                        "trained_values",
                        "epochs",
                        "wall_s");
        assertThat(written.get("command").asText()).isEqualTo("pretrain");
        assertThat(written.get("final_checkpoint").asText())
                .isEqualTo(dir.resolve("run").resolve(PretrainJob.FINAL).toString());
        assertThat(written.get("resumed_after_epoch").isNull()).isTrue();
        assertThat(written.get("steps").asInt()).isEqualTo(full.steps());
        assertThat(written.get("options").get("learningRate").asDouble()).isEqualTo(1e-2);
        JsonNode epoch = written.get("epochs").get(2);
        List<String> epochKeys = new ArrayList<>();
        epoch.fieldNames().forEachRemaining(epochKeys::add);
        assertThat(epochKeys)
                .containsExactly(
                        "epoch",
                        "steps",
                        "trainLoss",
                        "validationLoss",
                        "validationPerplexity",
                        "seconds");
        assertThat(epoch.get("trainLoss").asDouble()).isEqualTo(full.epochs().get(2).trainLoss());
    }
}
