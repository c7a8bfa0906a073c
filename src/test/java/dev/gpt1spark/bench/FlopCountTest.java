package dev.gpt1spark.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpt1spark.checkpoint.Presets;
import dev.gpt1spark.config.ModelConfig;
import org.junit.jupiter.api.Test;

/** GPT-1's FLOP and byte counts, against the figures worked out by hand in the issue. */
class FlopCountTest {
    private static final ModelConfig GPT1 = Presets.openaiGpt();

    @Test
    void blocksHoldTwelveDSquaredMatrixWeights() {
        assertThat(FlopCount.matrixWeights(GPT1)).isEqualTo(12L * 12 * 768 * 768); // 84.9M
    }

    @Test
    void forwardCostsAbout172MegaflopPerTokenAt128Tokens() {
        double perToken = FlopCount.forwardRow(GPT1, 128) / 128;
        assertThat(perToken / 1e6).isCloseTo(172.3, within(0.5));
    }

    @Test
    void theLmHeadAdds62MegaflopPerToken() {
        assertThat(FlopCount.lmHead(GPT1) / 1e6).isCloseTo(62.2, within(0.1));
    }

    @Test
    void aDecodeStepReadsTheBlocksAndTheLmHeadOnce() {
        double bytes = FlopCount.decodeWeightBytes(GPT1, 4);
        assertThat(bytes / 1e6).isCloseTo((84_934_656 + 40_478 * 768) * 4 / 1e6, within(0.01));
    }
}
