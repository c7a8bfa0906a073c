package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointReaderTest {

    static final ModelConfig MODEL_A =
            new ModelConfig(2, 4, 64, 128, 40478, Activation.GELU_TANH, 1e-5, List.of());

    @TempDir Path tmp;

    @Test
    void bothFormatsOfModelAReadToBitIdenticalTensors() {
        Checkpoint openai = CheckpointReader.read(Fixtures.tinyOpenai(), 4);
        Checkpoint hf = CheckpointReader.read(Fixtures.tinyHf());

        assertThat(openai.format()).isEqualTo(Checkpoint.Format.OPENAI);
        assertThat(hf.format()).isEqualTo(Checkpoint.Format.HF);
        assertThat(openai.directory()).isEqualTo(Fixtures.tinyOpenai());
        assertThat(openai.config()).isEqualTo(MODEL_A);
        assertThat(hf.config()).isEqualTo(MODEL_A);
        List<String> canonical =
                CheckpointNames.expected(MODEL_A).stream().map(TensorSpec::name).toList();
        assertThat(openai.tensors().keySet()).containsExactlyElementsOf(canonical);
        assertThat(hf.tensors().keySet()).containsExactlyElementsOf(canonical);
        for (String name : canonical) {
            assertThat(openai.tensor(name).shape()).as(name).isEqualTo(hf.tensor(name).shape());
            assertThat(Fixtures.bytes(openai.tensor(name)))
                    .as(name)
                    .isEqualTo(Fixtures.bytes(hf.tensor(name)));
        }
        assertThat(openai.parameterCount()).isEqualTo(2_698_752).isEqualTo(hf.parameterCount());
        assertThat(openai.fingerprint()).hasSize(16).isEqualTo(hf.fingerprint());
        assertThat(openai.tokenizerFiles()).isEmpty();
    }

    @Test
    void conv1dWeightsLoseTheReleasesKernelAxis() {
        Checkpoint openai = CheckpointReader.read(Fixtures.tinyOpenai(), 4);

        assertThat(openai.tensor("tokens_embed.weight").shape()).containsExactly(40478, 64);
        assertThat(openai.tensor("positions_embed.weight").shape()).containsExactly(128, 64);
        assertThat(openai.tensor("h.0.attn.c_attn.weight").shape()).containsExactly(64, 192);
        assertThat(openai.tensor("h.1.mlp.c_proj.weight").shape()).containsExactly(256, 64);
        assertThat(openai.tensor("h.1.ln_2.bias").shape()).containsExactly(64);
    }

    @Test
    void erfFixtureSwitchesTheActivationOnly() {
        Checkpoint tanh = CheckpointReader.read(Fixtures.tinyHf());
        Checkpoint erf = CheckpointReader.read(Fixtures.tinyHfErf());

        assertThat(erf.config().activation()).isEqualTo(Activation.GELU_ERF);
        assertThat(erf.notes()).contains("activation GELU_ERF from config.json");
        assertThat(Fixtures.bytes(erf.tensor("h.1.mlp.c_fc.weight")))
                .isEqualTo(Fixtures.bytes(tanh.tensor("h.1.mlp.c_fc.weight")));
        assertThat(erf.fingerprint()).isNotEqualTo(tanh.fingerprint());
    }

    @Test
    void notesSayWhereNHeadCameFrom() {
        Path withConfig = Fixtures.copy(Fixtures.tinyOpenai(), tmp.resolve("with-config"));
        Fixtures.writeString(withConfig.resolve("config.json"), "{\"n_head\": 4}");

        assertThat(CheckpointReader.read(Fixtures.tinyOpenai(), 4).notes(Spelling.FLAG))
                .contains("n_head 4 from --n-head");
        // the library names the setting by key; the command line writes it as a flag
        assertThat(CheckpointReader.read(Fixtures.tinyOpenai(), 4).notes())
                .contains("n_head 4 from n-head");
        Checkpoint guessed = CheckpointReader.read(Fixtures.tinyOpenai());
        assertThat(guessed.config().nHead()).isEqualTo(1);
        assertThat(guessed.notes(Spelling.FLAG))
                .contains("n_head 1 = n_embd/64 (no config.json and no --n-head)")
                .contains(
                        "activation GELU_TANH and layer_norm_epsilon 1e-5, the original"
                                + " release's (no config.json)")
                .contains(
                        "n_layer 2, n_embd 64, n_positions 128, vocab_size 40478 from"
                                + " params_shapes.json");
        assertThat(CheckpointReader.read(withConfig).notes()).contains("n_head 4 from config.json");
        assertThat(CheckpointReader.read(withConfig, 4).notes(Spelling.FLAG))
                .contains("n_head 4 from config.json (same as --n-head)");
        assertThat(CheckpointReader.read(Fixtures.tinyHf(), 4).notes(Spelling.FLAG))
                .contains("n_head 4 from config.json (same as --n-head)");
    }

    @Test
    void configBesideTheReleaseSetsActivationAndEpsilon() {
        Path dir = Fixtures.copy(Fixtures.tinyOpenai(), tmp.resolve("erf"));
        Fixtures.writeString(
                dir.resolve("config.json"),
                "{\"n_head\": 4, \"afn\": \"gelu_python\", \"layer_norm_epsilon\": 1e-6,"
                        + " \"n_embd\": 64, \"n_layer\": 2}");

        ModelConfig config = CheckpointReader.read(dir).config();

        assertThat(config.activation()).isEqualTo(Activation.GELU_ERF);
        assertThat(config.layerNormEpsilon()).isEqualTo(1e-6);
        assertThat(config.nHead()).isEqualTo(4);
    }

    @Test
    void hfConfigWithoutNHeadTakesTheOverride() {
        Path dir = Fixtures.copy(Fixtures.tinyHf(), tmp.resolve("hf"));
        Fixtures.editJson(dir.resolve("config.json"), c -> c.remove("n_head"));

        Checkpoint checkpoint = CheckpointReader.read(dir, 8);

        assertThat(checkpoint.config().nHead()).isEqualTo(8);
        assertThat(checkpoint.notes(Spelling.FLAG)).contains("n_head 8 from --n-head");
        assertThat(CheckpointReader.read(dir).notes(Spelling.FLAG))
                .contains("n_head 1 = n_embd/64 (no n_head in config.json and no --n-head)");
    }

    @Test
    void prefixedNamesBuffersAndTiedHeadAreAccepted() {
        Checkpoint reference = CheckpointReader.read(Fixtures.tinyHf());
        List<TensorData> tensors = new ArrayList<>();
        for (TensorData t : reference.tensors().values()) {
            tensors.add(new TensorData("transformer." + t.name(), t.shape(), t.data()));
        }
        // what OpenAIGPTLMHeadModel.state_dict() held in transformers 4.8
        for (int i = 0; i < 2; i++) {
            tensors.add(zeros("transformer.h." + i + ".attn.bias", 1, 1, 128, 128));
        }
        tensors.add(zeros("transformer.position_ids", 1, 128));
        TensorData wte = reference.tensor("tokens_embed.weight");
        tensors.add(new TensorData("lm_head.weight", wte.shape(), wte.data()));
        Path dir = tmp.resolve("prefixed");
        hfFolder(dir, tensors, Fixtures.tinyHf().resolve("config.json"));

        Checkpoint checkpoint = CheckpointReader.read(dir);

        assertThat(checkpoint.tensors().keySet())
                .containsExactlyElementsOf(reference.tensors().keySet());
        assertThat(checkpoint.fingerprint()).isEqualTo(reference.fingerprint());
        assertThat(checkpoint.notes())
                .contains(
                        "stripped the transformer. prefix from 29 names",
                        "ignored 2 attention-mask buffers h.{i}.attn.bias",
                        "ignored buffer transformer.position_ids",
                        "ignored tied lm_head.weight");
    }

    @Test
    void int64PositionIdsBufferIsIgnored() throws IOException {
        Path dir = Fixtures.copy(Fixtures.tinyHf(), tmp.resolve("i64"));
        Path weights = dir.resolve("model.safetensors");
        long dataEnd = 10795008;
        Fixtures.editSafetensorsHeader(
                weights,
                h -> {
                    ObjectNode ids = h.putObject("position_ids");
                    ids.put("dtype", "I64");
                    ids.putArray("shape").add(1).add(128);
                    ids.putArray("data_offsets").add(dataEnd).add(dataEnd + 1024);
                });
        Files.write(weights, new byte[1024], java.nio.file.StandardOpenOption.APPEND);

        Checkpoint checkpoint = CheckpointReader.read(dir);

        assertThat(checkpoint.notes()).contains("ignored buffer position_ids");
        assertThat(checkpoint.fingerprint())
                .isEqualTo(CheckpointReader.read(Fixtures.tinyHf()).fingerprint());
    }

    @Test
    void scoreWeightWithId2labelIsAClassifier() {
        Path dir = tmp.resolve("cls");
        hfFolder(dir, withScore(3), Fixtures.tinyHf().resolve("config.json"));
        Fixtures.editJson(
                dir.resolve("config.json"),
                c ->
                        c.putObject("id2label")
                                .put("1", "neutral")
                                .put("0", "negative")
                                .put("2", "positive"));

        Checkpoint checkpoint = CheckpointReader.read(dir);

        assertThat(checkpoint.config().labels()).containsExactly("negative", "neutral", "positive");
        assertThat(checkpoint.config().hasClassifier()).isTrue();
        assertThat(checkpoint.tensors().keySet()).last().isEqualTo("score.weight");
        assertThat(checkpoint.tensor("score.weight").shape()).containsExactly(3, 64);
        assertThat(checkpoint.parameterCount()).isEqualTo(2_698_752 + 3 * 64);
    }

    @Test
    void scoreWeightWithoutId2labelGetsDefaultLabels() {
        Path dir = tmp.resolve("cls");
        hfFolder(dir, withScore(2), Fixtures.tinyHf().resolve("config.json"));

        Checkpoint checkpoint = CheckpointReader.read(dir);

        assertThat(checkpoint.config().labels()).containsExactly("LABEL_0", "LABEL_1");
        assertThat(checkpoint.notes())
                .contains(
                        "labels LABEL_0.. for the 2 rows of score.weight (no id2label in config.json)");
    }

    @Test
    void numLabelsAloneNamesTheClasses() {
        Path dir = tmp.resolve("cls");
        hfFolder(dir, withScore(3), Fixtures.tinyHf().resolve("config.json"));
        Fixtures.editJson(dir.resolve("config.json"), c -> c.put("num_labels", 3));

        assertThat(CheckpointReader.read(dir).config().labels())
                .containsExactly("LABEL_0", "LABEL_1", "LABEL_2");
    }

    @Test
    void labelsWithoutScoreWeightAreIgnored() {
        Path dir = Fixtures.copy(Fixtures.tinyHf(), tmp.resolve("lm"));
        Fixtures.editJson(
                dir.resolve("config.json"),
                c -> c.putObject("id2label").put("0", "LABEL_0").put("1", "LABEL_1"));

        Checkpoint checkpoint = CheckpointReader.read(dir);

        assertThat(checkpoint.config().labels()).isEmpty();
        assertThat(checkpoint.notes())
                .contains("ignored the labels in config.json: no score.weight");
    }

    @Test
    void findsTokenizerFilesOfEitherSpelling() throws IOException {
        Path release = Fixtures.copy(Fixtures.tinyOpenai(), tmp.resolve("release"));
        Files.copy(
                Fixtures.tokenizerDir().resolve("encoder_bpe_40000.json"),
                release.resolve("encoder_bpe_40000.json"));
        Files.copy(
                Fixtures.tokenizerDir().resolve("vocab_40000.bpe"),
                release.resolve("vocab_40000.bpe"));
        Path hf = Fixtures.copy(Fixtures.tinyHf(), tmp.resolve("hf"));
        Fixtures.writeString(hf.resolve("vocab.json"), "{}");
        Fixtures.writeString(hf.resolve("merges.txt"), "#version: 0.2\n");

        assertThat(CheckpointReader.read(release, 4).tokenizerFiles())
                .contains(
                        new TokenizerFiles(
                                release.resolve("encoder_bpe_40000.json"),
                                release.resolve("vocab_40000.bpe")));
        assertThat(CheckpointReader.read(hf).tokenizerFiles())
                .contains(new TokenizerFiles(hf.resolve("vocab.json"), hf.resolve("merges.txt")));
    }

    @Test
    void f16SafetensorsAreWidened() {
        Path dir = tmp.resolve("f16");
        Checkpoint reference = CheckpointReader.read(Fixtures.tinyHf());
        Path config = Fixtures.tinyHf().resolve("config.json");
        hfFolder(dir, new ArrayList<>(reference.tensors().values()), config, true);

        Checkpoint half = CheckpointReader.read(dir);

        assertThat(half.notes()).contains("widened 26 F16/BF16 tensors to F32");
        float[] expected = Fixtures.values(reference.tensor("h.0.mlp.c_fc.weight"));
        float[] actual = Fixtures.values(half.tensor("h.0.mlp.c_fc.weight"));
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs(actual[i] - expected[i]))
                    .isLessThanOrEqualTo(Math.abs(expected[i]) / 2048 + 1e-7f);
        }
    }

    /** Writes {@code tensors} and a copy of {@code config} as a Hugging Face folder. */
    static void hfFolder(Path dir, List<TensorData> tensors, Path config) {
        hfFolder(dir, tensors, config, false);
    }

    static void hfFolder(Path dir, List<TensorData> tensors, Path config, boolean float16) {
        try {
            Files.createDirectories(dir);
            Safetensors.write(dir.resolve("model.safetensors"), tensors, float16);
            Files.write(dir.resolve("config.json"), Files.readAllBytes(config));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Model A's tensors plus a random {@code score.weight} with {@code labels} rows. */
    static List<TensorData> withScore(int labels) {
        List<TensorData> tensors =
                new ArrayList<>(CheckpointReader.read(Fixtures.tinyHf()).tensors().values());
        ByteBuffer data = ByteBuffer.allocateDirect(labels * 64 * 4).order(ByteOrder.LITTLE_ENDIAN);
        Random random = new Random(1);
        while (data.hasRemaining()) {
            data.putFloat((float) random.nextGaussian() * 0.02f);
        }
        tensors.add(new TensorData("score.weight", new long[] {labels, 64}, data.flip()));
        return tensors;
    }

    static TensorData zeros(String name, long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return new TensorData(name, shape, ByteBuffer.allocateDirect((int) n * 4));
    }
}
