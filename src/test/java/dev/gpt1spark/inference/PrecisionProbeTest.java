package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.inference.PrecisionProbe.Choice;
import dev.gpt1spark.inference.PrecisionProbe.Drift;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.testing.ReferenceModels;
import dev.gpt1spark.testing.ReferenceModels.Blocks;
import dev.gpt1spark.testing.SharedFixtures;
import org.junit.jupiter.api.Test;

/** --precision auto: each command's bar, and a choice that holds on whatever CPU runs it. */
class PrecisionProbeTest {

    @Test
    void eachCommandsBar() {
        Drift close = new Drift(0.99995, 5e-4, 0.995, true);
        assertThat(AccuracyBar.POOLED.isMetBy(close)).isTrue();
        assertThat(AccuracyBar.SCORE.isMetBy(close)).isTrue();
        assertThat(AccuracyBar.GENERATE.isMetBy(close)).isTrue();

        assertThat(AccuracyBar.POOLED.isMetBy(new Drift(0.9998, 0, 1, true))).isFalse();
        assertThat(AccuracyBar.POOLED.isMetBy(new Drift(1, 0, 1, false))).as("labels").isFalse();
        assertThat(AccuracyBar.SCORE.isMetBy(new Drift(1, 2e-3, 1, true))).isFalse();
        assertThat(AccuracyBar.GENERATE.isMetBy(new Drift(1, 5e-4, 0.98, true))).isFalse();
        assertThat(AccuracyBar.GENERATE.isMetBy(new Drift(1, 2e-3, 1, true))).isFalse();
        for (AccuracyBar bar : AccuracyBar.values()) {
            assertThat(bar.isMetBy(Drift.NONE)).as(bar.name()).isTrue();
        }
    }

    @Test
    void theChoiceIsNativeAndMeetsItsBar() {
        Checkpoint checkpoint =
                CheckpointReader.read(SharedFixtures.reference().resolve("tiny-hf"));
        for (AccuracyBar bar : AccuracyBar.values()) {
            Choice choice = PrecisionProbe.choose(checkpoint, bar);
            assertThat(choice.precision().isNative()).as(bar.name()).isTrue();
            assertThat(bar.isMetBy(choice.drift())).as(bar + " " + choice).isTrue();
            if (choice.precision() == Precision.FP32) {
                assertThat(choice.drift()).isEqualTo(Drift.NONE);
            }
        }
    }

    @Test
    void theFastestNativeCandidateIsTheFirstThisCpuComputes() {
        Precision fastest = PrecisionProbe.fastestNative();
        assertThat(fastest.isNative()).isTrue();
        assertThat(PrecisionProbe.CANDIDATES).contains(fastest);
        for (Precision earlier :
                PrecisionProbe.CANDIDATES.subList(0, PrecisionProbe.CANDIDATES.indexOf(fastest))) {
            assertThat(earlier.isNative()).as(earlier.label()).isFalse();
        }
    }

    @Test
    void autoNeverChoosesInt8EvenWhereItRuns() {
        assertThat(PrecisionProbe.CANDIDATES)
                .doesNotContain(Precision.INT8)
                .endsWith(Precision.FP32);
        Checkpoint checkpoint =
                CheckpointReader.read(SharedFixtures.reference().resolve("tiny-hf"));
        for (AccuracyBar bar : AccuracyBar.values()) {
            assertThat(PrecisionProbe.choose(checkpoint, bar).precision())
                    .as(bar.name())
                    .isNotEqualTo(Precision.INT8);
        }
    }

    @Test
    void theDriftOfTheSameArithmeticIsNone() {
        Gpt1Model fused = ReferenceModels.tinyHf();
        Gpt1Model opByOp = ReferenceModels.all().get(1).model(Blocks.OP_BY_OP);
        Drift drift = PrecisionProbe.drift(fused, opByOp);
        assertThat(drift.minPooledCosine()).isGreaterThan(0.999999);
        assertThat(drift.maxNllDrift()).isLessThan(1e-5);
        assertThat(drift.top1Agreement()).isEqualTo(1.0);
        assertThat(drift.sameLabels()).isTrue();
        assertThat(PrecisionProbe.probe(fused)).hasSize(PrecisionProbe.TEXTS.size());
        assertThat(PrecisionProbe.probe(fused))
                .allSatisfy(ids -> assertThat(ids.length).isBetween(30, 128));
    }
}
