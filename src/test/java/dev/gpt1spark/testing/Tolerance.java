package dev.gpt1spark.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Element-wise comparisons with the tolerances of the reference README. */
public final class Tolerance {
    /** hidden states, pooled vectors, logits and log-probs (fp32). */
    public static final double ABS = 1e-4;

    private Tolerance() {}

    public static void assertClose(
            float[] actual, float[] expected, double tolerance, String what) {
        assertThat(actual.length).as(what + " length").isEqualTo(expected.length);
        double worst = 0;
        int at = -1;
        for (int i = 0; i < actual.length; i++) {
            double d = Math.abs((double) actual[i] - expected[i]);
            if (!(d <= worst)) {
                worst = d;
                at = i;
            }
        }
        if (worst > tolerance || Double.isNaN(worst)) {
            fail(
                    "%s: max |diff| %.3g at %d (actual %s, expected %s) exceeds %.1g",
                    what, worst, at, actual[at], expected[at], tolerance);
        }
    }

    public static void assertRelative(
            double actual, double expected, double relative, String what) {
        double scale = Math.max(Math.abs(expected), 1e-12);
        assertThat(Math.abs(actual - expected) / scale)
                .as("%s: %s vs expected %s", what, actual, expected)
                .isLessThanOrEqualTo(relative);
    }
}
