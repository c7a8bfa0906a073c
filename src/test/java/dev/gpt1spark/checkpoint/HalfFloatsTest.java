package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfFloatsTest {

    @Test
    void everyHalfSurvivesARoundTrip() {
        for (int bits = 0; bits < 0x10000; bits++) {
            short half = (short) bits;
            float wide = HalfFloats.halfToFloat(half);
            if (Float.isNaN(wide)) {
                assertThat(Float.isNaN(HalfFloats.halfToFloat(HalfFloats.floatToHalf(wide))))
                        .isTrue();
            } else {
                assertThat(HalfFloats.floatToHalf(wide)).as("0x%04x", bits).isEqualTo(half);
            }
        }
    }

    @Test
    void knownValues() {
        assertThat(HalfFloats.halfToFloat((short) 0x3c00)).isEqualTo(1f);
        assertThat(HalfFloats.halfToFloat((short) 0xc000)).isEqualTo(-2f);
        assertThat(HalfFloats.halfToFloat((short) 0x7bff)).isEqualTo(65504f);
        assertThat(HalfFloats.halfToFloat((short) 0x0001)).isEqualTo(0x1p-24f);
        assertThat(HalfFloats.halfToFloat((short) 0xfc00)).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0x3f80)).isEqualTo(1f);
        assertThat(HalfFloats.bfloat16ToFloat((short) 0xc0a0)).isEqualTo(-5f);
    }

    @Test
    void narrowingRoundsToNearestEven() {
        // 1 + 2^-11 lies halfway between 1 and 1 + 2^-10: ties go to the even mantissa, 1
        assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f)).isEqualTo((short) 0x3c00);
        assertThat(HalfFloats.floatToHalf(1f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3c01);
        assertThat(HalfFloats.floatToHalf(1f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02);
        assertThat(HalfFloats.floatToHalf(65520f)).isEqualTo((short) 0x7c00); // overflow
        assertThat(HalfFloats.floatToHalf(0x1p-25f)).isEqualTo((short) 0); // tie to zero
        assertThat(HalfFloats.floatToHalf(0x1.8p-25f)).isEqualTo((short) 1);
        assertThat(HalfFloats.floatToHalf(-0f)).isEqualTo((short) 0x8000);
        assertThat(HalfFloats.floatToHalf(0.02f)).isEqualTo((short) 0x251f);
    }
}
