package dev.gpt1spark.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpt1spark.testing.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The reference checkpoints and helpers that build broken copies of them. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static Path tinyOpenai() {
        return SharedFixtures.reference().resolve("tiny-openai");
    }

    static Path tinyHf() {
        return SharedFixtures.reference().resolve("tiny-hf");
    }

    static Path tinyHfErf() {
        return SharedFixtures.reference().resolve("tiny-hf-erf");
    }

    /** The real GPT-1 release's params_shapes.json. */
    static Path realShapes() {
        return SharedFixtures.gpt1Tokenizer().resolve("params_shapes.json");
    }

    static Path tokenizerDir() {
        return SharedFixtures.gpt1Tokenizer();
    }

    /** Copies the files of {@code from} into a new folder {@code to}, writable. */
    static Path copy(Path from, Path to) {
        try {
            Files.createDirectories(to);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(from)) {
                for (Path file : files) {
                    Path target = to.resolve(file.getFileName().toString());
                    Files.copy(file, target);
                    // a checkout may be read-only; the copies must be editable
                    Files.setPosixFilePermissions(
                            target,
                            EnumSet.of(
                                    PosixFilePermission.OWNER_READ,
                                    PosixFilePermission.OWNER_WRITE));
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a version-1 .npy file with the given header fields and raw data. */
    static void writeNpy(Path file, String descr, long[] shape, boolean fortran, byte[] data) {
        writeNpy(file, 1, descr, shape, fortran, data);
    }

    static void writeNpy(
            Path file, int version, String descr, long[] shape, boolean fortran, byte[] data) {
        String dims =
                Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        String dict =
                "{'descr': '"
                        + descr
                        + "', 'fortran_order': "
                        + (fortran ? "True" : "False")
                        + ", 'shape': ("
                        + dims
                        + "), }";
        int preamble = version == 1 ? 10 : 12;
        int total = (preamble + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - preamble - dict.length() - 1) + "\n";
        ByteBuffer out =
                ByteBuffer.allocate(preamble + header.length() + data.length)
                        .order(ByteOrder.LITTLE_ENDIAN);
        out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
        if (version == 1) {
            out.putShort((short) header.length());
        } else {
            out.putInt(header.length());
        }
        out.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        write(file, out.array());
    }

    static byte[] floats(float... values) {
        ByteBuffer out = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        out.asFloatBuffer().put(values);
        return out.array();
    }

    /** Writes a safetensors file from a header map (serialised as is) and raw data. */
    static void writeSafetensors(Path file, Map<String, Object> header, byte[] data) {
        try {
            byte[] json = JSON.writeValueAsBytes(header);
            ByteBuffer out =
                    ByteBuffer.allocate(8 + json.length + data.length)
                            .order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(json.length).put(json).put(data);
            write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a safetensors file's JSON header in place, keeping its data section. */
    static void editSafetensorsHeader(Path file, Consumer<ObjectNode> edit) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            int headerLength =
                    (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            ObjectNode header =
                    (ObjectNode)
                            JSON.readTree(
                                    new String(bytes, 8, headerLength, StandardCharsets.UTF_8));
            edit.accept(header);
            byte[] json = JSON.writeValueAsBytes(header);
            ByteBuffer out =
                    ByteBuffer.allocate(8 + json.length + bytes.length - 8 - headerLength)
                            .order(ByteOrder.LITTLE_ENDIAN);
            out.putLong(json.length)
                    .put(json)
                    .put(bytes, 8 + headerLength, bytes.length - 8 - headerLength);
            write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rewrites a JSON object file (a config.json). */
    static void editJson(Path file, Consumer<ObjectNode> edit) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            edit.accept(root);
            write(file, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeString(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(TensorData tensor) {
        ByteBuffer data = tensor.data();
        byte[] out = new byte[data.remaining()];
        data.get(out);
        return out;
    }

    static float[] values(TensorData tensor) {
        float[] out = new float[(int) tensor.size()];
        tensor.data().asFloatBuffer().get(out);
        return out;
    }
}
