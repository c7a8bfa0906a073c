package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Spelling;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenBlocksTest {
    @Test
    void documentsRunTogetherIntoBlocksAndATailOfTwoTokensIsKept() {
        assertThat(TokenBlocks.cut(List.of(new long[] {1, 2, 3}, new long[] {4, 5, 6, 7, 8}), 3))
                .containsExactly(new long[] {1, 2, 3}, new long[] {4, 5, 6}, new long[] {7, 8});
        // one token is no prediction
        assertThat(TokenBlocks.cut(List.of(new long[] {1, 2, 3, 4}), 3))
                .containsExactly(new long[] {1, 2, 3});
    }

    @Test
    void aBlockOfOneTokenIsRefusedByTheSettingsName() {
        assertThatThrownBy(() -> TokenBlocks.cut(List.of(new long[] {1, 2}), 1))
                .isInstanceOfSatisfying(
                        SettingException.class,
                        e -> {
                            assertThat(e).hasMessage("block-size must be at least 2, got 1");
                            assertThat(e.message(Spelling.FLAG))
                                    .isEqualTo("--block-size must be at least 2, got 1");
                        });
    }
}
