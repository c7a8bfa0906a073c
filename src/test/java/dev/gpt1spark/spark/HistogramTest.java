package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Bin edges of the summary's histograms. */
class HistogramTest {

    @Test
    void wholeNumbersGetWholeWidthsAndNoMoreBinsThanValues() {
        assertThat(Histogram.linear(3, 9, 20, true).edges())
                .containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
        Histogram wide = Histogram.linear(1, 512, 20, true);
        assertThat(wide.edges()).hasSize(21);
        assertThat(wide.edges()[1] - wide.edges()[0]).isEqualTo(26);
        assertThat(wide.edges()[20]).isGreaterThan(512);
    }

    @Test
    void realNumbersEndExactlyAtTheMaximum() {
        double[] edges = Histogram.linear(0.1, 0.7, 20, false).edges();
        assertThat(edges).hasSize(21);
        assertThat(edges[0]).isEqualTo(0.1);
        assertThat(edges[20]).isEqualTo(0.7);
    }

    @Test
    void logBinsAreEvenInLogXAndEndAtTheExtremes() {
        double[] edges = Histogram.logScale(10, 100_000, 4).edges();
        assertThat(edges[0]).isEqualTo(10);
        assertThat(edges[1]).isCloseTo(100, within(1e-9));
        assertThat(edges[2]).isCloseTo(1_000, within(1e-9));
        assertThat(edges[4]).isEqualTo(100_000);
        assertThat(Histogram.logScale(10, 100_000, 4).scale()).isEqualTo("log");
    }

    @Test
    void oneValueIsOneBin() {
        assertThat(Histogram.linear(5, 5, 20, true).edges()).containsExactly(5, 5);
        assertThat(Histogram.logScale(7.5, 7.5, 20).edges()).containsExactly(7.5, 7.5);
    }
}
