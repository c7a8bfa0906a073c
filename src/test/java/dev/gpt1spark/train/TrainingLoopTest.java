package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.gpt1spark.checkpoint.CheckpointNames;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The shared loop: which batches each epoch sees, what the callback gets, tensors per step. */
class TrainingLoopTest {
    private static final TrainingOptions OPTIONS =
            new TrainingOptions(1e-3, 3, 4, 0.1, 0.01, 0f, 0, 0.1, 5);

    /** Ten distinct two-token blocks: a block's first token names it. */
    private static List<long[]> blocks() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            out.add(new long[] {100 + i, 7});
        }
        return out;
    }

    /** What one run did: the blocks of each step by epoch, and the callback's reports. */
    private record Run(
            Map<Integer, List<List<Long>>> batches,
            List<TrainingLoop.EpochTrained> epochs,
            List<Double> stepLosses,
            List<NDArray> stepTotals,
            int steps) {}

    private static Run run(TrainingLoop.Start start) {
        Map<Integer, List<List<Long>>> batches = new TreeMap<>();
        List<TrainingLoop.EpochTrained> epochs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<NDArray> totals = new ArrayList<>();
        try (Gpt1Model model =
                Gpt1Model.loadTrainable(FineTuneTest.tinyModel(4), DataType.FLOAT32)) {
            ParameterUpdater updater =
                    new ParameterUpdater(
                            model.network(),
                            name -> !name.equals(CheckpointNames.SCORE),
                            LearningRateSchedule.forRun(OPTIONS, 10),
                            OPTIONS.weightDecay(),
                            start.steps());
            int[] epoch = {start.epoch()};
            int steps =
                    new TrainingLoop<long[]>(model, OPTIONS, updater, line -> {})
                            .run(
                                    blocks(),
                                    (manager, batch) -> {
                                        // the previous step's tensors are closed by now
                                        totals.forEach(t -> assertThat(t.isReleased()).isTrue());
                                        batches.computeIfAbsent(epoch[0], e -> new ArrayList<>())
                                                .add(batch.stream().map(b -> b[0]).toList());
                                        LossTerms terms =
                                                LanguageModelObjective.loss(
                                                        manager,
                                                        model.network(),
                                                        new TokenBatch(batch),
                                                        0f);
                                        totals.add(terms.total());
                                        losses.add((double) terms.total().getFloat());
                                        return terms;
                                    },
                                    start,
                                    trained -> {
                                        epochs.add(trained);
                                        epoch[0]++;
                                    });
            return new Run(batches, epochs, losses, totals, steps);
        }
    }

    @Test
    void eachEpochShufflesAllExamplesIntoBatchesAndReportsItsMeanLoss() {
        Run whole = run(new TrainingLoop.Start(1, 0, 6));

        assertThat(whole.steps()).isEqualTo(9);
        assertThat(whole.epochs())
                .extracting(TrainingLoop.EpochTrained::epoch, TrainingLoop.EpochTrained::steps)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 3),
                        org.assertj.core.groups.Tuple.tuple(2, 6),
                        org.assertj.core.groups.Tuple.tuple(3, 9));
        for (List<List<Long>> epoch : whole.batches().values()) {
            assertThat(epoch).extracting(List::size).containsExactly(4, 4, 2);
            assertThat(epoch.stream().flatMap(List::stream))
                    .containsExactlyInAnyOrder(
                            100L, 101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L);
        }
        assertThat(whole.batches().get(1)).isNotEqualTo(whole.batches().get(2));
        double firstEpochMean =
                whole.stepLosses().subList(0, 3).stream().mapToDouble(d -> d).sum() / 3;
        assertThat(whole.epochs().get(0).meanLoss().total()).isEqualTo(firstEpochMean);
        assertThat(whole.epochs().get(0).meanLoss().lmLoss()).isEqualTo(firstEpochMean);
        assertThat(whole.epochs().get(0).meanLoss().classLoss()).isZero();
        assertThat(whole.stepTotals()).allMatch(NDArray::isReleased);
    }

    @Test
    void aResumedStartTrainsTheRemainingEpochsOnTheSameBatches() {
        Run whole = run(new TrainingLoop.Start(1, 0, 6));
        Run resumed = run(new TrainingLoop.Start(3, 6, 8));

        assertThat(resumed.steps()).isEqualTo(9);
        assertThat(resumed.epochs()).singleElement().extracting(e -> e.steps()).isEqualTo(9);
        assertThat(resumed.batches()).containsOnlyKeys(3);
        assertThat(resumed.batches().get(3)).isEqualTo(whole.batches().get(3));
    }

    @Test
    void anEmptyTrainingSetIsRefused() {
        try (Gpt1Model model =
                Gpt1Model.loadTrainable(FineTuneTest.tinyModel(4), DataType.FLOAT32)) {
            ParameterUpdater updater =
                    new ParameterUpdater(
                            model.network(),
                            name -> true,
                            LearningRateSchedule.forRun(OPTIONS, 1),
                            0,
                            0);
            assertThatThrownBy(
                            () ->
                                    new TrainingLoop<long[]>(model, OPTIONS, updater, l -> {})
                                            .run(
                                                    List.of(),
                                                    (m, b) -> null,
                                                    new TrainingLoop.Start(1, 0, 5),
                                                    e -> {}))
                    .hasMessage("no training examples");
        }
    }
}
