package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.SettingText;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    @Test
    void canonicalNamesAndShapes() {
        List<TensorSpec> specs = CheckpointNames.expected(Presets.openaiGpt());

        assertThat(specs).hasSize(146);
        assertThat(specs.subList(0, 14).stream().map(TensorSpec::toString))
                .containsExactly(
                        "tokens_embed.weight [40478, 768]",
                        "positions_embed.weight [512, 768]",
                        "h.0.attn.c_attn.weight [768, 2304]",
                        "h.0.attn.c_attn.bias [2304]",
                        "h.0.attn.c_proj.weight [768, 768]",
                        "h.0.attn.c_proj.bias [768]",
                        "h.0.ln_1.weight [768]",
                        "h.0.ln_1.bias [768]",
                        "h.0.mlp.c_fc.weight [768, 3072]",
                        "h.0.mlp.c_fc.bias [3072]",
                        "h.0.mlp.c_proj.weight [3072, 768]",
                        "h.0.mlp.c_proj.bias [768]",
                        "h.0.ln_2.weight [768]",
                        "h.0.ln_2.bias [768]");
        assertThat(specs.stream().mapToLong(TensorSpec::size).sum()).isEqualTo(116_534_784);
    }

    @Test
    void inMemoryCheckpointsAreValidated() {
        List<TensorData> tensors =
                new ArrayList<>(RandomInit.create(Presets.tiny(), 1).tensors().values());
        ModelConfig tiny = Presets.tiny();

        List<TensorData> missing = new ArrayList<>(tensors);
        missing.remove(5);
        assertThatThrownBy(() -> Checkpoint.inMemory(tiny, missing, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("missing tensor h.0.attn.c_proj.bias");
        List<TensorData> extra = new ArrayList<>(tensors);
        extra.add(CheckpointReaderTest.zeros("h.0.attn.extra", 4));
        assertThatThrownBy(() -> Checkpoint.inMemory(tiny, extra, List.of()))
                .hasMessage("unexpected tensors [h.0.attn.extra]");
        List<TensorData> reshaped = new ArrayList<>(tensors);
        TensorData wte = reshaped.get(0);
        reshaped.set(0, new TensorData(wte.name(), new long[] {64, 40478}, wte.data()));
        assertThatThrownBy(() -> Checkpoint.inMemory(tiny, reshaped, List.of()))
                .hasMessage(
                        "tensor tokens_embed.weight has shape [64, 40478], expected [40478, 64]");
    }

    @Test
    void tensorsComeOutInCanonicalOrderWhateverTheInputOrder() {
        List<TensorData> tensors =
                new ArrayList<>(RandomInit.create(Presets.tiny(), 1).tensors().values());
        List<TensorData> reversed = new ArrayList<>(tensors);
        java.util.Collections.reverse(reversed);

        Checkpoint checkpoint =
                Checkpoint.inMemory(Presets.tiny(), reversed, List.of(new SettingText("note")));

        assertThat(checkpoint.tensors().values()).containsExactlyElementsOf(tensors);
        assertThat(checkpoint.notes()).containsExactly("note");
        assertThat(checkpoint.format()).isEqualTo(Checkpoint.Format.HF);
        assertThat(checkpoint.tokenizerFiles()).isEmpty();
    }

    @Test
    void unknownTensorNameIsRefused() {
        Checkpoint checkpoint = RandomInit.create(Presets.tiny(), 1);

        assertThatThrownBy(() -> checkpoint.tensor("lm_head.weight"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "no tensor lm_head.weight in Checkpoint[in memory, 2 layers");
    }

    @Test
    void fingerprintSeesSampledValuesAndConfig() {
        Checkpoint base = RandomInit.create(Presets.tiny(), 1);
        List<TensorData> tensors = new ArrayList<>(base.tensors().values());
        TensorData last = tensors.get(tensors.size() - 1);
        ByteBuffer changed = ByteBuffer.allocateDirect(64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        changed.put(last.data()).putFloat(63 * 4, 0.5f);
        tensors.set(tensors.size() - 1, new TensorData(last.name(), last.shape(), changed.flip()));
        ModelConfig moreHeads =
                new ModelConfig(2, 8, 64, 128, 40478, Presets.tiny().activation(), 1e-5, List.of());

        // another instance with the same values: the memoized fingerprint cannot answer for it
        assertThat(base.fingerprint())
                .matches("[0-9a-f]{16}")
                .isEqualTo(RandomInit.create(Presets.tiny(), 1).fingerprint());
        assertThat(Checkpoint.inMemory(Presets.tiny(), tensors, List.of()).fingerprint())
                .isNotEqualTo(base.fingerprint());
        assertThat(Checkpoint.inMemory(moreHeads, base.tensors().values(), List.of()).fingerprint())
                .isNotEqualTo(base.fingerprint());
    }

    @Test
    void presetsByName() {
        assertThat(Presets.names()).containsExactly("openai-gpt", "tiny");
        assertThat(Presets.get("tiny")).isEqualTo(Presets.tiny());
        assertThat(Presets.tiny().nHead()).isEqualTo(4);
        assertThat(Presets.openaiGpt().nPositions()).isEqualTo(512);
        assertThatThrownBy(() -> Presets.get("gpt2"))
                .hasMessage("unknown preset \"gpt2\" (known: openai-gpt, tiny)");
    }
}
