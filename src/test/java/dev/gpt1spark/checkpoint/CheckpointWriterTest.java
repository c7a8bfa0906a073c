package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.config.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointWriterTest {

    @TempDir Path tmp;

    @Test
    void releaseConvertedToHfReadsBackBitIdentical() throws IOException {
        Checkpoint release = CheckpointReader.read(Fixtures.tinyOpenai(), 4);
        Path out = tmp.resolve("hf");

        CheckpointWriter.writeHf(release, out, false);
        Checkpoint back = CheckpointReader.read(out);

        assertThat(back.format()).isEqualTo(Checkpoint.Format.HF);
        assertThat(back.config()).isEqualTo(release.config());
        assertThat(back.tensors().keySet()).containsExactlyElementsOf(release.tensors().keySet());
        for (String name : release.tensors().keySet()) {
            assertThat(Fixtures.bytes(back.tensor(name)))
                    .as(name)
                    .isEqualTo(Fixtures.bytes(release.tensor(name)));
        }
        assertThat(back.fingerprint()).isEqualTo(release.fingerprint());
    }

    @Test
    void configJsonIsTheOpenaiGptStyle() throws IOException {
        CheckpointWriter.writeHf(CheckpointReader.read(Fixtures.tinyHf()), tmp, false);

        JsonNode written = Fixtures.JSON.readTree(tmp.resolve("config.json").toFile());
        JsonNode reference =
                Fixtures.JSON.readTree(Fixtures.tinyHf().resolve("config.json").toFile());
        reference
                .fieldNames()
                .forEachRemaining(
                        key -> assertThat(written.get(key)).as(key).isEqualTo(reference.get(key)));
        assertThat(written.get("torch_dtype").asText()).isEqualTo("float32");
        assertThat(written.has("id2label")).isFalse();
        assertThat(Safetensors.open(tmp.resolve("model.safetensors")).entries().keySet())
                .first()
                .isEqualTo("tokens_embed.weight");
    }

    @Test
    void float16RoundTripStaysWithinHalfPrecision() throws IOException {
        Checkpoint source = CheckpointReader.read(Fixtures.tinyHf());
        Path out = tmp.resolve("f16");

        CheckpointWriter.writeHf(source, out, true);
        Checkpoint back = CheckpointReader.read(out);

        assertThat(Files.size(out.resolve("model.safetensors")))
                .isLessThan(Files.size(Fixtures.tinyHf().resolve("model.safetensors")) / 2 + 4096);
        assertThat(
                        Fixtures.JSON
                                .readTree(out.resolve("config.json").toFile())
                                .get("torch_dtype")
                                .asText())
                .isEqualTo("float16");
        assertThat(back.config()).isEqualTo(source.config());
        for (String name : source.tensors().keySet()) {
            float[] expected = Fixtures.values(source.tensor(name));
            float[] actual = Fixtures.values(back.tensor(name));
            for (int i = 0; i < expected.length; i++) {
                // F16 keeps 11 significant bits: relative error at most 2^-11 (plus subnormals)
                assertThat(Math.abs(actual[i] - expected[i]))
                        .as("%s[%d]", name, i)
                        .isLessThanOrEqualTo(Math.abs(expected[i]) * 0x1p-11f + 0x1p-25f);
            }
        }
    }

    @Test
    void copiesTokenizerFilesUnderHfNames() throws IOException {
        Path release = Fixtures.copy(Fixtures.tinyOpenai(), tmp.resolve("release"));
        Path vocab = Fixtures.tokenizerDir().resolve("encoder_bpe_40000.json");
        Path merges = Fixtures.tokenizerDir().resolve("vocab_40000.bpe");
        Files.copy(vocab, release.resolve("encoder_bpe_40000.json"));
        Files.copy(merges, release.resolve("vocab_40000.bpe"));
        Path out = tmp.resolve("hf");

        CheckpointWriter.writeHf(CheckpointReader.read(release, 4), out, false);

        assertThat(out.resolve("vocab.json")).hasSameBinaryContentAs(vocab);
        assertThat(out.resolve("merges.txt")).hasSameBinaryContentAs(merges);
        assertThat(CheckpointReader.read(out).tokenizerFiles()).isPresent();
    }

    @Test
    void classifierKeepsItsLabels() throws IOException {
        Path dir = tmp.resolve("cls");
        CheckpointReaderTest.hfFolder(
                dir, CheckpointReaderTest.withScore(2), Fixtures.tinyHf().resolve("config.json"));
        Fixtures.editJson(
                dir.resolve("config.json"),
                c -> c.putObject("id2label").put("0", "ham").put("1", "spam"));
        Path out = tmp.resolve("out");

        CheckpointWriter.writeHf(CheckpointReader.read(dir), out, false);

        JsonNode config = Fixtures.JSON.readTree(out.resolve("config.json").toFile());
        assertThat(config.get("id2label").get("1").asText()).isEqualTo("spam");
        assertThat(config.get("label2id").get("ham").asInt()).isZero();
        assertThat(config.get("architectures").get(0).asText())
                .isEqualTo("OpenAIGPTForSequenceClassification");
        Checkpoint back = CheckpointReader.read(out);
        assertThat(back.config().labels()).containsExactly("ham", "spam");
        assertThat(Fixtures.bytes(back.tensor("score.weight")))
                .isEqualTo(Fixtures.bytes(CheckpointReader.read(dir).tensor("score.weight")));
    }

    @Test
    void refusesToOverwriteUnlessTold() {
        Checkpoint checkpoint = CheckpointReader.read(Fixtures.tinyHf());
        CheckpointWriter.writeHf(checkpoint, tmp, false);

        assertThatThrownBy(() -> CheckpointWriter.writeHf(checkpoint, tmp, false))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(
                        tmp.resolve("config.json")
                                + ": already exists (overwrite it explicitly or pick another"
                                + " folder)");
        CheckpointWriter.writeHf(checkpoint, tmp, true, true);
        assertThat(CheckpointReader.read(tmp).config().nEmbd()).isEqualTo(64);
    }

    @Test
    void refusesToWriteOverItsOwnSource() {
        Path dir = Fixtures.copy(Fixtures.tinyHf(), tmp.resolve("hf"));
        Checkpoint checkpoint = CheckpointReader.read(dir);

        assertThatThrownBy(() -> CheckpointWriter.writeHf(checkpoint, dir, false, true))
                .hasMessage(dir + ": is the checkpoint's own folder; write to another one");
    }

    @Test
    void fullSizeGpt1WritesAndReadsBack() {
        ModelConfig gpt1 = Presets.openaiGpt();
        long start = System.nanoTime();
        Checkpoint random = RandomInit.create(gpt1, 2018);
        long created = System.nanoTime();
        CheckpointWriter.writeHf(random, tmp, false);
        long written = System.nanoTime();
        Checkpoint back = CheckpointReader.read(tmp, 12);
        long read = System.nanoTime();

        assertThat(back.parameterCount()).isEqualTo(116_534_784);
        assertThat(back.config()).isEqualTo(gpt1);
        for (String name :
                List.of("tokens_embed.weight", "h.11.mlp.c_proj.weight", "h.5.ln_2.weight")) {
            assertThat(back.tensor(name).data()).as(name).isEqualTo(random.tensor(name).data());
        }
        assertThat(back.fingerprint()).isEqualTo(random.fingerprint());
        System.out.printf(
                "openai-gpt: RandomInit %.2f s, writeHf %.2f s, read %.3f s, fingerprint %s%n",
                (created - start) / 1e9,
                (written - created) / 1e9,
                (read - written) / 1e9,
                back.fingerprint());
    }
}
