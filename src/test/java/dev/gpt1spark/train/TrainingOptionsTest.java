package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Spelling;
import org.junit.jupiter.api.Test;

/** A recipe is checked by its settings, whose keys its messages name. */
class TrainingOptionsTest {

    @Test
    void badValuesNameTheirSetting() {
        assertThatThrownBy(() -> new TrainingOptions(1e-3, 0, 4, 0.1, 0.01, 0f, 0, 0.1, 5))
                .isInstanceOf(SettingException.class)
                .hasMessage("epochs must be at least 1, got 0")
                .satisfies(
                        e ->
                                assertThat(((SettingException) e).message(Spelling.FLAG))
                                        .isEqualTo("--epochs must be at least 1, got 0"));
        assertThatThrownBy(() -> new TrainingOptions(1e-3, 1, 4, 0.1, 0.01, 1f, 0, 0.1, 5))
                .hasMessage("dropout must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> new TrainingOptions(1e-3, 1, 4, 0.1, 0.01, 0f, 0, 1, 5))
                .hasMessage("validation-fraction must be in [0, 1), got 1.0");
    }
}
