package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import dev.gpt1spark.checkpoint.OpenAiLayout.Dimensions;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.settings.Spelling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiLayoutTest {

    @Test
    void realParamsShapesImplyTheReleasedGpt1() {
        List<long[]> shapes = OpenAiLayout.readShapes(Fixtures.realShapes());

        Dimensions dims = OpenAiLayout.infer(shapes, Fixtures.realShapes());
        List<SettingText> notes = new ArrayList<>();
        ModelConfig config =
                ConfigResolver.resolve(
                        new ConfigResolver.WeightDims(
                                dims.nLayer(),
                                dims.nEmbd(),
                                dims.nPositions(),
                                dims.vocabSize(),
                                new HashMap<>()),
                        null,
                        null,
                        List.of(),
                        notes);

        assertThat(shapes).hasSize(146);
        assertThat(dims).isEqualTo(new Dimensions(12, 768, 512, 40478));
        assertThat(config).isEqualTo(Presets.openaiGpt());
        assertThat(notes.stream().map(n -> n.in(Spelling.FLAG)))
                .contains("n_head 12 = n_embd/64 (no config.json and no --n-head)");
        long values =
                shapes.stream().mapToLong(s -> Arrays.stream(s).reduce(1, (a, b) -> a * b)).sum();
        assertThat(values).isEqualTo(116_534_784);
    }

    @Test
    void layoutIsPositionsTokensThenBlocksWithKernelAxes() {
        List<TensorSpec> layout = OpenAiLayout.layout(new Dimensions(1, 8, 16, 100));

        assertThat(layout).hasSize(14);
        assertThat(layout.get(0).toString()).isEqualTo("positions_embed.weight [16, 8]");
        assertThat(layout.get(1).toString()).isEqualTo("tokens_embed.weight [100, 8]");
        assertThat(layout.get(2).toString()).isEqualTo("h.0.attn.c_attn.weight [1, 8, 24]");
        assertThat(layout.get(3).toString()).isEqualTo("h.0.attn.c_attn.bias [24]");
        assertThat(layout.get(10).toString()).isEqualTo("h.0.mlp.c_proj.weight [1, 32, 8]");
        assertThat(layout.get(13).toString()).isEqualTo("h.0.ln_2.bias [8]");
    }
}
