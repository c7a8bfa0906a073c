package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The summary's throughput points stay few and evenly spaced however long the run. */
class ThroughputSamplesTest {

    @Test
    void aShortRunKeepsEveryPointAndEndsWithTheTotals() {
        ThroughputSamples samples = new ThroughputSamples();
        samples.add(0, 0, 0);
        samples.add(5, 10, 1_000);
        List<Map<String, Object>> points = samples.toList(7.25, 12, 1_300);
        assertThat(points).hasSize(3);
        assertThat(points.get(1)).containsEntry("t_s", 5.0).containsEntry("tokens", 1_000L);
        assertThat(points.get(2))
                .containsEntry("t_s", 7.3)
                .containsEntry("rows", 12L)
                .containsEntry("tokens", 1_300L);
    }

    @Test
    void aLongRunIsThinnedToEvenlySpacedPoints() {
        ThroughputSamples samples = new ThroughputSamples();
        int offered = 10 * ThroughputSamples.MAX;
        for (int i = 0; i < offered; i++) {
            samples.add(5.0 * i, i, 100L * i);
        }
        List<Map<String, Object>> points = samples.toList(5.0 * offered, offered, 100L * offered);
        assertThat(points.size()).isLessThanOrEqualTo(ThroughputSamples.MAX + 1);
        assertThat(points.size()).isGreaterThan(ThroughputSamples.MAX / 4);
        double step = (double) points.get(1).get("t_s") - (double) points.get(0).get("t_s");
        for (int i = 1; i < points.size() - 1; i++) {
            double gap = (double) points.get(i).get("t_s") - (double) points.get(i - 1).get("t_s");
            assertThat(gap).as("gap before point %d", i).isEqualTo(step);
        }
        assertThat(points.get(0)).containsEntry("t_s", 0.0);
    }
}
