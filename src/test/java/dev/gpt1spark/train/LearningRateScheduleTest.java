package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.training.tracker.Tracker;
import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenDecaysLinearlyToZero() {
        // 1000 steps, 2% warm-up: 20 steps up, 980 down
        Tracker lr = LearningRateSchedule.create(1e-3, 1000, 0.02);
        assertThat(LearningRateSchedule.warmupSteps(1000, 0.02)).isEqualTo(20);
        assertThat(lr.getNewValue(10)).isCloseTo(5e-4f, within(1e-9f));
        assertThat(lr.getNewValue(20)).isCloseTo(1e-3f, within(1e-9f));
        assertThat(lr.getNewValue(510)).isCloseTo(5e-4f, within(1e-8f));
        assertThat(lr.getNewValue(1000)).isCloseTo(0f, within(1e-9f));
    }

    @Test
    void gpt1sFractionOfATinyRunIsOneStep() {
        assertThat(LearningRateSchedule.warmupSteps(30, 0.002)).isEqualTo(1);
        assertThat(LearningRateSchedule.warmupSteps(30, 0)).isZero();
    }
}
