package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.gpt1spark.config.ModelConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class RandomInitTest {

    @Test
    void openaiGptPresetHasTheReleasedParameterCount() {
        Checkpoint gpt1 = RandomInit.create(Presets.openaiGpt(), 1);

        assertThat(gpt1.parameterCount()).isEqualTo(116_534_784);
        assertThat(gpt1.directory()).isNull();
        assertThat(gpt1.tensors()).hasSize(2 + 12 * 12);
        assertThat(gpt1.tensor("tokens_embed.weight").data().isDirect()).isTrue();
    }

    @Test
    void initialisesLikeGpt1() {
        Checkpoint tiny = RandomInit.create(Presets.tiny(), 42);

        float[] wte = Fixtures.values(tiny.tensor("tokens_embed.weight"));
        double sum = 0;
        double squares = 0;
        for (float v : wte) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / wte.length;
        assertThat(mean).isCloseTo(0, within(1e-4));
        assertThat(Math.sqrt(squares / wte.length - mean * mean)).isCloseTo(0.02, within(1e-4));
        assertThat(Fixtures.values(tiny.tensor("h.1.attn.c_attn.bias"))).containsOnly(0f);
        assertThat(Fixtures.values(tiny.tensor("h.0.ln_1.weight"))).containsOnly(1f);
        assertThat(Fixtures.values(tiny.tensor("h.0.ln_2.bias"))).containsOnly(0f);
        assertThat(Fixtures.values(tiny.tensor("h.1.mlp.c_fc.weight"))).doesNotContain(0f);
        assertThat(tiny.notes())
                .containsExactly(
                        "random initialisation, seed 42: N(0, 0.02²) embedding, Conv1D and score"
                                + " weights, zero biases, LayerNorm gain 1");
    }

    @Test
    void sameSeedSameWeights() {
        Checkpoint a = RandomInit.create(Presets.tiny(), 7);
        Checkpoint b = RandomInit.create(Presets.tiny(), 7);
        Checkpoint c = RandomInit.create(Presets.tiny(), 8);

        for (String name : a.tensors().keySet()) {
            assertThat(a.tensor(name).data()).as(name).isEqualTo(b.tensor(name).data());
        }
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(a.tensor("h.0.mlp.c_fc.weight").data())
                .isNotEqualTo(a.tensor("h.1.mlp.c_fc.weight").data());
    }

    @Test
    void valuesDoNotDependOnTheSeedOfOtherTensorsOrOnChunking() {
        // a tensor's values depend on the seed and its name only, so more layers or labels
        // leave the shared tensors unchanged
        ModelConfig tiny = Presets.tiny();
        ModelConfig deeper =
                new ModelConfig(
                        3,
                        tiny.nHead(),
                        tiny.nEmbd(),
                        tiny.nPositions(),
                        tiny.vocabSize(),
                        tiny.activation(),
                        tiny.layerNormEpsilon(),
                        List.of("a", "b"));

        Checkpoint a = RandomInit.create(tiny, 3);
        Checkpoint b = RandomInit.create(deeper, 3);

        assertThat(b.tensor("tokens_embed.weight").data())
                .isEqualTo(a.tensor("tokens_embed.weight").data());
        assertThat(b.tensor("h.1.attn.c_proj.weight").data())
                .isEqualTo(a.tensor("h.1.attn.c_proj.weight").data());
        assertThat(b.tensor("score.weight").shape()).containsExactly(2, 64);
        assertThat(Fixtures.values(b.tensor("score.weight"))).doesNotContain(0f);
    }
}
