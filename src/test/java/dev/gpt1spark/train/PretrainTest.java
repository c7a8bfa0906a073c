package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Language-model pre-training of a tiny model on a fixed tiny corpus. */
class PretrainTest {
    @TempDir Path dir;

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

    @SuppressWarnings("unchecked")
    private static List<PretrainEpoch> epochs(Map<String, Object> summary) {
        return (List<PretrainEpoch>) summary.get("epochs");
    }

    @Test
    void trainingLossAndValidationPerplexityFall() {
        Path out = dir.resolve("run");
        Map<String, Object> summary =
                PretrainJob.run(FineTuneTest.tinyModel(4), corpus(), settings(out, false), l -> {});

        List<PretrainEpoch> epochs = epochs(summary);
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
        Map<String, Object> full =
                PretrainJob.run(FineTuneTest.tinyModel(4), corpus(), settings(out, false), l -> {});
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
                .hasMessageContaining("use --resume");
        Map<String, Object> resumed =
                PretrainJob.run(FineTuneTest.tinyModel(99), corpus(), settings(out, true), l -> {});

        assertThat(resumed.get("resumed_after_epoch")).isEqualTo(2);
        assertThat(resumed.get("steps")).isEqualTo(full.get("steps"));
        List<PretrainEpoch> epochs = epochs(resumed);
        assertThat(epochs).hasSize(3);
        // epochs 1 and 2 are the saved history; epoch 3 trained from epoch 2's weights
        assertThat(epochs.subList(0, 2)).isEqualTo(epochs(full).subList(0, 2));
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
}
