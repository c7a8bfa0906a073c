package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.settings.Spelling;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per way a checkpoint can be broken, each asserting the whole message. */
class CheckpointErrorsTest {

    @TempDir Path tmp;

    private Path openai() {
        return Fixtures.copy(Fixtures.tinyOpenai(), tmp.resolve("openai"));
    }

    private Path hf() {
        return Fixtures.copy(Fixtures.tinyHf(), tmp.resolve("hf"));
    }

    // ---- folder and format ----

    @Test
    void noSuchDirectory() {
        Path dir = tmp.resolve("nowhere");

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(dir + ": no such directory");
    }

    @Test
    void neitherFormat() {
        assertThatThrownBy(() -> CheckpointReader.read(tmp))
                .hasMessage(
                        tmp
                                + ": not a GPT-1 checkpoint: found neither params_shapes.json"
                                + " (OpenAI release) nor config.json + model.safetensors (Hugging"
                                + " Face)");
    }

    @Test
    void missingParamsShapes() throws IOException {
        Path dir = openai();
        Files.delete(dir.resolve("params_shapes.json"));

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        dir.resolve("params_shapes.json")
                                + ": missing file (params_0.npy is there, so this looks like the"
                                + " OpenAI release)");
    }

    @Test
    void missingParamsFile() throws IOException {
        Path dir = openai();
        Files.delete(dir.resolve("params_3.npy"));

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        dir.resolve("params_3.npy")
                                + ": missing file (params_9.npy exists, so the weights are split"
                                + " over params_0.npy to params_9.npy)");
    }

    @Test
    void missingLastParamsFileRunsOutOfData() throws IOException {
        Path dir = openai();
        Files.delete(dir.resolve("params_9.npy"));

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        dir.resolve("params_8.npy")
                                + ": truncated: the weights run out in tensor tokens_embed.weight"
                                + " (params_0.npy to params_8.npy hold 2428877 float32 values,"
                                + " params_shapes.json needs 2698752)");
    }

    @Test
    void missingSafetensors() throws IOException {
        Path dir = hf();
        Files.delete(dir.resolve("model.safetensors"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("model.safetensors")
                                + ": missing file (config.json is there, so this looks like a"
                                + " Hugging Face checkpoint)");
    }

    @Test
    void missingHfConfig() throws IOException {
        Path dir = hf();
        Files.delete(dir.resolve("config.json"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json")
                                + ": missing file (model.safetensors is there, so this looks like a"
                                + " Hugging Face checkpoint)");
    }

    // ---- truncation ----

    @Test
    void npyShorterThanItsHeader() throws IOException {
        Path dir = openai();
        Path file = dir.resolve("params_9.npy");
        byte[] bytes = Files.readAllBytes(file);
        Fixtures.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        file
                                + ": truncated: the header says shape [269875] <f4 (1079500 bytes)"
                                + " but only 1079400 bytes of data follow it");
    }

    @Test
    void paramsFilesHoldTooFewValues() {
        Path dir = openai();
        Path file = dir.resolve("params_9.npy");
        shortenNpy(file, 100);

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        file
                                + ": truncated: the weights run out in tensor h.1.ln_2.weight"
                                + " (params_0.npy to params_9.npy hold 2698652 float32 values,"
                                + " params_shapes.json needs 2698752)");
    }

    @Test
    void aShortMiddleParamsFileIsNamed() {
        Path dir = openai();
        Path file = dir.resolve("params_4.npy");
        shortenNpy(file, 100);

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        file
                                + ": truncated: the weights run out in tensor tokens_embed.weight"
                                + " (params_0.npy to params_9.npy hold 2698652 float32 values,"
                                + " params_shapes.json needs 2698752)");
    }

    @Test
    void paramsFilesHoldTooManyValues() {
        Path dir = openai();
        Path file = dir.resolve("params_9.npy");
        Npy last = Npy.read(file);
        byte[] data = new byte[(int) (last.size() + 5) * 4];
        last.data().get(data, 0, (int) last.size() * 4);
        Fixtures.writeNpy(file, "<f4", new long[] {last.size() + 5}, false, data);

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        file
                                + ": 5 values left over after the last tensor (params_0.npy to"
                                + " params_9.npy hold 2698757 float32 values, params_shapes.json"
                                + " needs 2698752)");
    }

    @Test
    void safetensorsDataCut() throws IOException {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(file);
        Fixtures.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        file
                                + ": truncated: tensor tokens_embed.weight needs bytes [432640,"
                                + " 10795008) of the data but only 10794908 bytes follow the"
                                + " header");
    }

    // ---- dtypes ----

    @Test
    void int64WeightInSafetensors() {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        Fixtures.editSafetensorsHeader(
                file, h -> ((ObjectNode) h.get("h.0.ln_1.weight")).put("dtype", "I64"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        file
                                + ": tensor h.0.ln_1.weight has dtype I64; weights must be F32, F16"
                                + " or BF16");
    }

    @Test
    void float64WeightInSafetensors() {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        Fixtures.editSafetensorsHeader(
                file, h -> ((ObjectNode) h.get("h.1.attn.c_proj.bias")).put("dtype", "F64"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        file
                                + ": tensor h.1.attn.c_proj.bias has dtype F64; weights must be F32,"
                                + " F16 or BF16");
    }

    @Test
    void int32ParamsFile() {
        Path dir = openai();
        Path file = dir.resolve("params_2.npy");
        Npy part = Npy.read(file);
        byte[] data = new byte[(int) part.size() * 4];
        part.data().get(data);
        Fixtures.writeNpy(file, "<i4", part.shape(), false, data);

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(file + ": dtype <i4, expected <f4 (float32)");
    }

    // ---- names and shapes ----

    @Test
    void wrongShapeInSafetensors() {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        Fixtures.editSafetensorsHeader(
                file,
                h -> {
                    ArrayNode shape = ((ObjectNode) h.get("h.0.mlp.c_fc.weight")).putArray("shape");
                    shape.add(64).add(255);
                });

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        file
                                + ": tensor h.0.mlp.c_fc.weight has shape [64, 255], expected [64,"
                                + " 256]");
    }

    @Test
    void wrongShapeInParamsShapes() {
        Path dir = openai();
        Path file = dir.resolve("params_shapes.json");
        Fixtures.writeString(
                file, Fixtures.readString(file).replaceFirst("\\[1, 64, 256\\]", "[1, 64, 255]"));

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        file
                                + ": shape 8 (h.0.mlp.c_fc.weight) is [1, 64, 255], expected [1, 64,"
                                + " 256]");
    }

    @Test
    void conv1dWeightWithoutKernelAxisInParamsShapes() {
        Path dir = openai();
        Path file = dir.resolve("params_shapes.json");
        Fixtures.writeString(
                file, Fixtures.readString(file).replaceFirst("\\[1, 64, 192\\]", "[64, 192]"));

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        file
                                + ": shape 2 (h.0.attn.c_attn.weight) is [64, 192], expected [1, 64,"
                                + " 192]");
    }

    @Test
    void missingTensorInSafetensors() {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        Fixtures.editSafetensorsHeader(file, h -> h.remove("h.1.ln_2.bias"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(file + ": missing tensor h.1.ln_2.bias");
    }

    @Test
    void missingEmbeddingInSafetensors() {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        Fixtures.editSafetensorsHeader(file, h -> h.remove("positions_embed.weight"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(file + ": missing tensor positions_embed.weight");
    }

    @Test
    void missingShapeInParamsShapes() {
        Path dir = openai();
        Path file = dir.resolve("params_shapes.json");
        Fixtures.writeString(file, Fixtures.readString(file).replaceFirst(", \\[64\\]\\]$", "]"));

        assertThatThrownBy(() -> CheckpointReader.read(dir, 4))
                .hasMessage(
                        file
                                + ": 25 shapes, expected 2 + 12 × n_layer (positions, tokens, then"
                                + " 12 per block)");
    }

    @Test
    void unexpectedTensorInSafetensors() {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        Fixtures.editSafetensorsHeader(
                file, h -> h.set("transformer.h.0.attn.c_attn.lora_A", h.get("h.0.ln_1.bias")));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(file + ": unexpected tensor transformer.h.0.attn.c_attn.lora_A");
    }

    @Test
    void tensorBothPrefixedAndNot() {
        Path dir = hf();
        Path file = dir.resolve("model.safetensors");
        Fixtures.editSafetensorsHeader(
                file, h -> h.set("transformer.h.0.ln_1.bias", h.get("h.0.ln_1.bias")));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        file
                                + ": tensor h.0.ln_1.bias appears twice (with and without"
                                + " transformer.)");
    }

    @Test
    void scoreRowsDisagreeWithLabels() {
        Path dir = tmp.resolve("cls");
        CheckpointReaderTest.hfFolder(
                dir, CheckpointReaderTest.withScore(3), Fixtures.tinyHf().resolve("config.json"));
        Fixtures.editJson(
                dir.resolve("config.json"),
                c -> c.putObject("id2label").put("0", "no").put("1", "yes"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("model.safetensors")
                                + ": tensor score.weight has 3 rows but "
                                + dir.resolve("config.json")
                                + " has 2 labels");
    }

    // ---- configuration ----

    /** The message as the command line prints it: setting names spelled as flags. */
    private static String onTheCommandLine(Throwable e) {
        return ((SettingText.Carrier) e).message(Spelling.FLAG);
    }

    @Test
    void nEmbdNotDivisibleByOverride() {
        Path dir = Fixtures.tinyOpenai();

        String message =
                "n-head 3: n_embd 64 ("
                        + dir.resolve("params_shapes.json")
                        + " gives tokens_embed.weight shape [40478, 64]) is not divisible"
                        + " by n_head 3";
        assertThatThrownBy(() -> CheckpointReader.read(dir, 3))
                .hasMessage(message)
                .satisfies(e -> assertThat(onTheCommandLine(e)).isEqualTo("--" + message));
    }

    @Test
    void nEmbdNotDivisibleByConfigNHead() {
        Path dir = hf();
        Fixtures.editJson(dir.resolve("config.json"), c -> c.put("n_head", 3));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json") + ": n_embd 64 is not divisible by n_head 3");
    }

    @Test
    void configNHeadContradictsOverride() {
        Path dir = hf();

        assertThatThrownBy(() -> CheckpointReader.read(dir, 8))
                .hasMessage(dir.resolve("config.json") + ": n_head 4 contradicts n-head 8")
                .satisfies(
                        e ->
                                assertThat(onTheCommandLine(e))
                                        .isEqualTo(
                                                dir.resolve("config.json")
                                                        + ": n_head 4 contradicts --n-head 8"));
    }

    @Test
    void nonPositiveOverride() {
        assertThatThrownBy(() -> CheckpointReader.read(Fixtures.tinyOpenai(), 0))
                .hasMessage("n-head must be positive, got 0")
                .satisfies(
                        e ->
                                assertThat(onTheCommandLine(e))
                                        .isEqualTo("--n-head must be positive, got 0"));
    }

    @Test
    void configNEmbdContradictsWeights() {
        Path dir = hf();
        Fixtures.editJson(dir.resolve("config.json"), c -> c.put("n_embd", 32));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json")
                                + ": n_embd 32 contradicts the weights: "
                                + dir.resolve("model.safetensors")
                                + " has tokens_embed.weight of shape [40478, 64]");
    }

    @Test
    void configVocabSizeContradictsWeights() {
        Path dir = hf();
        Fixtures.editJson(dir.resolve("config.json"), c -> c.put("vocab_size", 40481));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json")
                                + ": vocab_size 40481 contradicts the weights: "
                                + dir.resolve("model.safetensors")
                                + " has tokens_embed.weight of shape [40478, 64]");
    }

    @Test
    void configNPositionsContradictsWeights() {
        Path dir = hf();
        Fixtures.editJson(
                dir.resolve("config.json"), c -> c.put("n_positions", 512).put("n_ctx", 512));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json")
                                + ": n_positions 512 contradicts the weights: "
                                + dir.resolve("model.safetensors")
                                + " has positions_embed.weight of shape [128, 64]");
    }

    @Test
    void configNLayerContradictsWeights() {
        Path dir = hf();
        Fixtures.editJson(dir.resolve("config.json"), c -> c.put("n_layer", 3));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json")
                                + ": n_layer 3 contradicts the weights: "
                                + dir.resolve("model.safetensors")
                                + " has blocks h.0 to h.1");
    }

    @Test
    void configBesideTheReleaseContradictsItsShapes() {
        Path dir = openai();
        Fixtures.writeString(dir.resolve("config.json"), "{\"n_embd\": 32, \"n_head\": 4}");

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json")
                                + ": n_embd 32 contradicts the weights: "
                                + dir.resolve("params_shapes.json")
                                + " gives tokens_embed.weight shape [40478, 64]");
    }

    @Test
    void unknownActivation() {
        Path dir = hf();
        Fixtures.editJson(dir.resolve("config.json"), c -> c.put("afn", "quick_gelu"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json")
                                + ": afn: unknown activation \"quick_gelu\" (GPT-1 knows gelu,"
                                + " gelu_python, relu, silu, swish)");
    }

    @Test
    void malformedConfig() {
        Path dir = hf();
        Fixtures.editJson(dir.resolve("config.json"), c -> c.put("n_layer", "two"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("config.json") + ": n_layer must be an integer, got \"two\"");
    }

    @Test
    void id2labelWithAGap() {
        Path dir = hf();
        Fixtures.editJson(
                dir.resolve("config.json"),
                c -> c.putObject("id2label").put("0", "a").put("2", "c"));

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(dir.resolve("config.json") + ": id2label ids must be 0..1, got [0, 2]");
    }

    // ---- tokenizer files ----

    @Test
    void halfATokenizerPair() {
        Path dir = hf();
        Fixtures.writeString(dir.resolve("vocab.json"), "{}");

        assertThatThrownBy(() -> CheckpointReader.read(dir))
                .hasMessage(
                        dir.resolve("merges.txt")
                                + ": missing file (vocab.json is there; a tokenizer needs both)");
    }

    /** Rewrites a params file as a valid .npy with {@code fewer} values less. */
    private static void shortenNpy(Path file, int fewer) {
        Npy part = Npy.read(file);
        long n = part.size() - fewer;
        ByteBuffer data = part.data().limit((int) n * 4);
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        Fixtures.writeNpy(file, "<f4", new long[] {n}, false, bytes);
    }
}
