package dev.gpt1spark.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir Path tmp;

    @Test
    void readsTheFixtureZeroCopy() {
        Safetensors file = Safetensors.open(Fixtures.tinyHf().resolve("model.safetensors"));

        assertThat(file.entries()).hasSize(26).containsKey("h.1.mlp.c_fc.weight");
        assertThat(file.metadata()).containsEntry("format", "pt");
        Safetensors.Entry entry = file.entries().get("h.0.attn.c_attn.weight");
        assertThat(entry.dtype()).isEqualTo("F32");
        assertThat(entry.shape()).containsExactly(64, 192);
        TensorData tensor = file.read("h.0.attn.c_attn.weight");
        assertThat(tensor.shape()).containsExactly(64, 192);
        assertThat(tensor.data().isDirect()).as("a view of the mapping").isTrue();
    }

    @Test
    void writesF32ThatReadsBackBitIdentical() throws IOException {
        TensorData a = tensor("a", new long[] {2, 3}, 1, -2, 3.5f, 0, Float.MIN_VALUE, 1e30f);
        TensorData b = tensor("b.bias", new long[] {1}, 42);
        Path path = tmp.resolve("out.safetensors");

        Safetensors.write(path, List.of(a, b), false);

        byte[] bytes = Files.readAllBytes(path);
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertThat(headerLength % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + headerLength + 28);
        String header = new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8);
        assertThat(header)
                .startsWith("{\"__metadata__\":{\"format\":\"pt\"},\"a\":{\"dtype\":\"F32\"")
                .contains("\"data_offsets\":[24,28]");
        Safetensors file = Safetensors.open(path);
        assertThat(file.entries().keySet()).containsExactly("a", "b.bias");
        assertThat(Fixtures.bytes(file.read("a"))).isEqualTo(Fixtures.bytes(a));
        assertThat(Fixtures.values(file.read("b.bias"))).containsExactly(42f);
    }

    @Test
    void writesF16ThatWidensBackWithinHalfPrecision() {
        float[] values = {0.02f, -0.0137f, 1f, 3.14159f, -65504f, 1e-6f};
        Path path = tmp.resolve("half.safetensors");

        Safetensors.write(path, List.of(tensor("w", new long[] {6}, values)), true);

        Safetensors file = Safetensors.open(path);
        assertThat(file.entries().get("w").dtype()).isEqualTo("F16");
        assertThat(file.entries().get("w").end()).isEqualTo(12);
        float[] back = Fixtures.values(file.read("w"));
        for (int i = 0; i < values.length; i++) {
            assertThat(back[i]).isCloseTo(values[i], within(Math.abs(values[i]) / 1024 + 1e-7f));
        }
    }

    @Test
    void widensBf16() {
        ByteBuffer data = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3f80).putShort((short) 0xc0a0);
        Path path = tmp.resolve("bf16.safetensors");
        Fixtures.writeSafetensors(path, header("w", "BF16", List.of(2), 0, 4), data.array());

        assertThat(Fixtures.values(Safetensors.open(path).read("w"))).containsExactly(1f, -5f);
    }

    @Test
    void integerAndDoubleWeightsAreRefused() {
        Path path = tmp.resolve("int.safetensors");
        Map<String, Object> header = header("ids", "I64", List.of(2), 0, 16);
        header.putAll(header("w", "F64", List.of(1), 16, 24));
        Fixtures.writeSafetensors(path, header, new byte[24]);
        Safetensors file = Safetensors.open(path);

        assertThatThrownBy(() -> file.read("ids"))
                .isInstanceOf(CheckpointException.class)
                .hasMessage(path + ": tensor ids has dtype I64; weights must be F32, F16 or BF16");
        assertThatThrownBy(() -> file.read("w"))
                .hasMessage(path + ": tensor w has dtype F64; weights must be F32, F16 or BF16");
    }

    @Test
    void dataOffsetsPastTheEndOfTheFileAreTruncation() {
        Path path = tmp.resolve("cut.safetensors");
        Map<String, Object> header = header("a", "F32", List.of(2), 0, 8);
        header.putAll(header("b", "F32", List.of(4), 8, 24));
        Fixtures.writeSafetensors(path, header, new byte[20]);
        Safetensors file = Safetensors.open(path);

        assertThat(Fixtures.values(file.read("a"))).containsExactly(0f, 0f);
        assertThatThrownBy(() -> file.read("b"))
                .hasMessage(
                        path
                                + ": truncated: tensor b needs bytes [8, 24) of the data but only"
                                + " 20 bytes follow the header");
    }

    @Test
    void offsetsThatDisagreeWithTheShapeAreRefused() {
        Path path = tmp.resolve("odd.safetensors");
        Fixtures.writeSafetensors(path, header("a", "F32", List.of(3), 0, 8), new byte[8]);

        assertThatThrownBy(() -> Safetensors.open(path).read("a"))
                .hasMessage(
                        path
                                + ": tensor a: data_offsets [0, 8] hold 8 bytes but F32 [3] needs"
                                + " 12");
    }

    @Test
    void aHeaderLongerThanTheFileIsTruncation() throws IOException {
        Path path = tmp.resolve("short.safetensors");
        ByteBuffer bytes = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(64).put("{\"a\"".getBytes(StandardCharsets.UTF_8));
        Files.write(path, bytes.array());

        assertThatThrownBy(() -> Safetensors.open(path))
                .hasMessage(path + ": truncated: the header is 64 bytes but the file has only 12");
    }

    @Test
    void malformedHeaderIsNamed() {
        Path path = tmp.resolve("bad.safetensors");
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("a", Map.of("dtype", "F32", "shape", List.of(1)));
        Fixtures.writeSafetensors(path, header, new byte[4]);

        assertThatThrownBy(() -> Safetensors.open(path))
                .hasMessageStartingWith(
                        path + ": bad header: tensor a needs dtype, shape and data_offsets");
    }

    @Test
    void missingFileIsNamed() {
        Path path = tmp.resolve("model.safetensors");

        assertThatThrownBy(() -> Safetensors.open(path)).hasMessage(path + ": missing file");
    }

    @Test
    void mapsTensorsBeyondTwoGibibytes() throws IOException {
        // a sparse file: 2 GiB - 4 bytes of holes for "big", then "small" past the 2 GiB mark
        long bigBytes = Integer.MAX_VALUE - 3L;
        Map<String, Object> header = header("big", "F32", List.of(bigBytes / 4), 0, bigBytes);
        header.putAll(header("small", "F32", List.of(2), bigBytes, bigBytes + 8));
        Path path = tmp.resolve("large.safetensors");
        Fixtures.writeSafetensors(path, header, new byte[0]);
        long dataStart = Files.size(path);
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.seek(dataStart + bigBytes);
            file.write(Fixtures.floats(6.5f, -1f));
        }

        Safetensors file = Safetensors.open(path);

        assertThat(Files.size(path)).isGreaterThan(1L << 31);
        assertThat(Fixtures.values(file.read("small"))).containsExactly(6.5f, -1f);
    }

    private static Map<String, Object> header(
            String name, String dtype, List<?> shape, long begin, long end) {
        Map<String, Object> header = new LinkedHashMap<>();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("dtype", dtype);
        entry.put("shape", shape);
        entry.put("data_offsets", List.of(begin, end));
        header.put(name, entry);
        return header;
    }

    private static TensorData tensor(String name, long[] shape, float... values) {
        ByteBuffer data =
                ByteBuffer.allocateDirect(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asFloatBuffer().put(values);
        return new TensorData(name, shape, data);
    }
}
