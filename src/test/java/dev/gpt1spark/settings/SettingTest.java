package dev.gpt1spark.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingTest {
    private static final Setting<Integer> STRIDE =
            Setting.integer("window-stride", 0, "Tokens between window starts.")
                    .must(">= 0", n -> n >= 0);
    private static final Setting<String> POOLING =
            Setting.choice("pooling", "mean", "How states pool.", "mean", "last", "max");
    private static final Settings SETTINGS = Settings.of(STRIDE, POOLING);

    @Test
    void everySpellingDerivesFromTheKey() {
        assertThat(STRIDE.name(Spelling.KEY)).isEqualTo("window-stride");
        assertThat(STRIDE.name(Spelling.FLAG)).isEqualTo("--window-stride");
        assertThat(STRIDE.name(Spelling.PARAM)).isEqualTo("windowStride");
        assertThat(STRIDE.name(Spelling.SUMMARY)).isEqualTo("window_stride");
        assertThat(Spelling.PARAM.of("repetition-penalty")).isEqualTo("repetitionPenalty");
        assertThatThrownBy(() -> Setting.integer("windowStride", 0, "x"))
                .hasMessage("a setting key is lower-case-with-dashes: windowStride");
    }

    @Test
    void givenValuesWinOverDefaultsAndSummariesUseSummaryKeys() {
        assertThat(SETTINGS.defaults().summary())
                .containsExactly(Map.entry("window_stride", 0), Map.entry("pooling", "mean"));
        SettingValues values = SETTINGS.resolve(Map.of("pooling", "max"));
        assertThat(values.get(POOLING)).isEqualTo("max");
        assertThat(values.get(STRIDE)).isZero();
        assertThat(values.with(STRIDE, 64).get(STRIDE)).isEqualTo(64);
        assertThat(values).isEqualTo(SETTINGS.defaults().with(POOLING, "max"));
    }

    @Test
    void badValuesAndUnknownKeysAreRefusedByName() {
        assertThatThrownBy(() -> SETTINGS.resolve(Map.of("window-stride", -1)))
                .isInstanceOf(SettingException.class)
                .hasMessage("window-stride must be >= 0, got -1");
        assertThatThrownBy(() -> SETTINGS.resolve(Map.of("pooling", "median")))
                .hasMessage("Cannot set pooling to median, expected mean, last or max");
        assertThatThrownBy(() -> SETTINGS.resolve(Map.of("polling", "max")))
                .hasMessage("Cannot set polling to max, expected one of window-stride, pooling");
        assertThatThrownBy(() -> STRIDE.withDefault(-2))
                .hasMessage("window-stride must be >= 0, got -2");
    }

    @Test
    void doublesAreWrittenAsUsersWriteThemAndOnlyDefaultlessSettingsAreRequired() {
        Setting<Double> lr = Setting.real("lr", 2.5e-4, "Peak rate.").must("positive", r -> r > 0);
        assertThat(lr.kind()).isEqualTo(Setting.Kind.DOUBLE);
        assertThat(lr.defaultText()).isEqualTo("2.5e-4");
        assertThat(Setting.written(0.002)).isEqualTo("0.002");
        assertThatThrownBy(() -> lr.check(-1.0)).hasMessage("lr must be positive, got -1.0");
        assertThat(Setting.real("lr", null, "Peak rate.").defaultText()).isNull();
        assertThat(Setting.text("output", null, "Folder.").required().isRequired()).isTrue();
        assertThatThrownBy(() -> lr.required())
                .hasMessage("lr has a default: it cannot be required");
    }

    @Test
    void descriptionsNameOtherSettingsAsTheReaderSpellsThem() {
        Setting<Boolean> resume =
                Setting.flag("resume", "").withDoc("Continue from the checkpoint in ", STRIDE);
        assertThat(resume.doc()).isEqualTo("Continue from the checkpoint in window-stride");
        assertThat(resume.doc(Spelling.FLAG))
                .isEqualTo("Continue from the checkpoint in --window-stride");
        assertThat(resume.doc(Spelling.PARAM))
                .isEqualTo("Continue from the checkpoint in windowStride");
        Setting<Integer> stride = STRIDE.defaultDoc("half of ", POOLING);
        assertThat(stride.defaultText(Spelling.FLAG)).isEqualTo("half of --pooling");
        assertThatThrownBy(() -> Setting.flag("resume", "").withDoc("in ", null))
                .hasMessage("a piece of a setting's description is null");
    }

    @Test
    void messagesRenderSettingNamesAsEachLayerSpellsThem() {
        SettingException e = new SettingException(STRIDE, " 600 exceeds 512; lower ", STRIDE);
        assertThat(e.getMessage()).isEqualTo("window-stride 600 exceeds 512; lower window-stride");
        assertThat(e.message(Spelling.FLAG))
                .isEqualTo("--window-stride 600 exceeds 512; lower --window-stride");
        assertThat(e.message(Spelling.PARAM))
                .isEqualTo("windowStride 600 exceeds 512; lower windowStride");
    }

    @Test
    void listsAreCopiedAndChecked() {
        Setting<List<String>> stop =
                Setting.strings("stop", "Stop strings.")
                        .must("non-empty strings", s -> s.stream().noneMatch(String::isEmpty));
        Settings settings = Settings.of(stop);
        assertThat(settings.defaults().get(stop)).isEmpty();
        assertThatThrownBy(() -> settings.resolve(Map.of("stop", List.of("a", ""))))
                .hasMessage("stop must be non-empty strings, got [a, ]");
    }
}
