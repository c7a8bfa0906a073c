package dev.gpt1spark.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskFormatTest {
    private final TaskFormat single = TaskFormat.appendedTo(100, false);
    private final TaskFormat pair = TaskFormat.appendedTo(100, true);

    @Test
    void wrapsTextsInTheTaskTokens() {
        assertThat(single.format(new long[] {5, 6}, null, 16)).containsExactly(100, 5, 6, 102);
        assertThat(pair.format(new long[] {5}, new long[] {7, 8}, 16))
                .containsExactly(100, 5, 101, 7, 8, 102);
    }

    @Test
    void tooLongInputsLoseTheEndOfTheLongerTextFirst() {
        long[] long1 = {1, 2, 3, 4, 5, 6};
        assertThat(single.format(long1, null, 5)).containsExactly(100, 1, 2, 3, 102);
        assertThat(pair.format(long1, new long[] {7, 8}, 8))
                .containsExactly(100, 1, 2, 3, 101, 7, 8, 102);
        assertThat(pair.format(new long[] {1, 2, 3}, new long[] {7, 8, 9, 10}, 7))
                .containsExactly(100, 1, 2, 101, 7, 8, 102);
    }

    @Test
    void pairsAndSingleTextsAreNotMixedUp() {
        assertThatThrownBy(() -> pair.format(new long[] {1}, null, 8))
                .hasMessageContaining("fine-tuned on text pairs");
        assertThatThrownBy(() -> single.format(new long[] {1}, new long[] {2}, 8))
                .hasMessageContaining("single texts");
    }
}
