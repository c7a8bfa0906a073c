package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassMetricsTest {
    @Test
    void accuracyAndMacroF1() {
        // class 0: tp 2, fn 1 → F1 0.8; class 1: tp 1, fp 1 → F1 2/3; class 2 absent
        ClassMetrics m = ClassMetrics.of(new int[] {0, 0, 0, 1}, new int[] {0, 0, 1, 1}, 3);
        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.macroF1()).isCloseTo((0.8 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void aClassNeverPredictedCountsAsZero() {
        ClassMetrics m = ClassMetrics.of(new int[] {0, 1}, new int[] {0, 0}, 2);
        assertThat(m.macroF1()).isCloseTo((2.0 / 3 + 0) / 2, within(1e-12));
    }
}
