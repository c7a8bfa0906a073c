package dev.gpt1spark.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes the safetensors format: an 8-byte little-endian header length, a JSON header,
 * then raw little-endian tensor data.
 *
 * <p>Reading maps each tensor's own byte range, so files over 2 GiB work (one tensor must stay
 * under 2 GiB). F32 tensors are zero-copy views of the mapping; F16 and BF16 tensors are widened to
 * F32 into a new direct buffer, a copy that lets small half-precision checkpoints be shipped.
 * Writing streams each tensor through a {@link FileChannel}, never building the file on the heap.
 *
 * <pre>{@code
 * Safetensors file = Safetensors.open(dir.resolve("model.safetensors"));
 * TensorData wte = file.read("tokens_embed.weight");
 * }</pre>
 */
public final class Safetensors {

    /** The key of the free-form string map that safetensors headers may carry. */
    public static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = new ObjectMapper();
    // real headers are kilobytes; a huge value means this is not a safetensors file
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final int CONVERT_CHUNK_VALUES = 1 << 16;

    /**
     * One tensor as the header describes it.
     *
     * @param name the name in the file
     * @param dtype safetensors dtype, e.g. {@code F32}, {@code F16}, {@code I64}
     * @param shape dimensions, outermost first
     * @param begin first byte, relative to the end of the header
     * @param end one past the last byte, relative to the end of the header
     */
    public record Entry(String name, String dtype, long[] shape, long begin, long end) {

        public Entry {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** Number of values. */
        public long size() {
            long n = 1;
            for (long d : shape) {
                n = Math.multiplyExact(n, d);
            }
            return n;
        }
    }

    private final Path file;
    private final long dataStart;
    private final long fileSize;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private Safetensors(
            Path file,
            long dataStart,
            long fileSize,
            Map<String, Entry> entries,
            Map<String, String> metadata) {
        this.file = file;
        this.dataStart = dataStart;
        this.fileSize = fileSize;
        this.entries = Collections.unmodifiableMap(entries);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    /**
     * Reads and checks the header of {@code file}; tensor data is mapped later, by {@link #read}.
     *
     * @throws CheckpointException for a missing file or a malformed header
     */
    public static Safetensors open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw new CheckpointException(file + ": truncated: no header length");
            }
            ByteBuffer lengthBytes = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
            long headerLength = lengthBytes.getLong(0);
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
                throw new CheckpointException(
                        file + ": not a safetensors file (header length " + headerLength + ")");
            }
            if (8 + headerLength > fileSize) {
                throw new CheckpointException(
                        file
                                + ": truncated: the header is "
                                + headerLength
                                + " bytes but the file has only "
                                + fileSize);
            }
            ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength);
            JsonNode header;
            try {
                header =
                        JSON.readTree(
                                StandardCharsets.UTF_8.decode(headerBytes).toString().strip());
            } catch (JsonProcessingException e) {
                throw new CheckpointException(file + ": bad header: " + e.getOriginalMessage(), e);
            }
            if (header == null || !header.isObject()) {
                throw new CheckpointException(file + ": bad header: not a JSON object");
            }
            Map<String, Entry> entries = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().equals(METADATA_KEY)) {
                    field.getValue()
                            .fields()
                            .forEachRemaining(m -> metadata.put(m.getKey(), m.getValue().asText()));
                } else {
                    entries.put(field.getKey(), entry(file, field.getKey(), field.getValue()));
                }
            }
            return new Safetensors(file, 8 + headerLength, fileSize, entries, metadata);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": missing file", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file this header came from. */
    public Path file() {
        return file;
    }

    /** The tensors in header order, by name. */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The {@code __metadata__} strings (not used by the readers, shown for diagnostics). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Maps one tensor as float32.
     *
     * @throws CheckpointException when the tensor is absent, not F32/F16/BF16, its byte range
     *     disagrees with its shape, or the range lies past the end of the file ("truncated")
     */
    public TensorData read(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new CheckpointException(file + ": no tensor " + name);
        }
        int width = floatWidth(entry.dtype());
        if (width == 0) {
            throw new CheckpointException(
                    file
                            + ": tensor "
                            + name
                            + " has dtype "
                            + entry.dtype()
                            + "; weights must be F32, F16 or BF16");
        }
        long length = entry.end() - entry.begin();
        long needed = Math.multiplyExact(entry.size(), width);
        if (length != needed) {
            throw new CheckpointException(
                    file
                            + ": tensor "
                            + name
                            + ": data_offsets ["
                            + entry.begin()
                            + ", "
                            + entry.end()
                            + "] hold "
                            + length
                            + " bytes but "
                            + entry.dtype()
                            + " "
                            + Arrays.toString(entry.shape())
                            + " needs "
                            + needed);
        }
        if (dataStart + entry.end() > fileSize) {
            throw new CheckpointException(
                    file
                            + ": truncated: tensor "
                            + name
                            + " needs bytes ["
                            + entry.begin()
                            + ", "
                            + entry.end()
                            + ") of the data but only "
                            + (fileSize - dataStart)
                            + " bytes follow the header");
        }
        if (length > Integer.MAX_VALUE || entry.size() * Float.BYTES > Integer.MAX_VALUE) {
            throw new CheckpointException(
                    file + ": tensor " + name + " is over 2 GiB, which is not supported");
        }
        ByteBuffer raw = map(entry.begin(), (int) length).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer f32 =
                switch (entry.dtype()) {
                    case "F32" -> raw;
                    case "F16" -> widen(raw.asShortBuffer(), false);
                    default -> widen(raw.asShortBuffer(), true);
                };
        return new TensorData(name, entry.shape(), f32);
    }

    private ByteBuffer map(long begin, int length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, length);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code tensors}, in the given order, as a safetensors file with {@code __metadata__
     * {"format":"pt"}}.
     *
     * <p>The file is written beside {@code file} under a temporary name and then moved into place,
     * so a reader that still maps an older file at that path keeps valid memory.
     *
     * @param float16 store F16 (rounded to nearest even) instead of F32
     * @throws CheckpointException on an I/O error
     */
    public static void write(Path file, Collection<TensorData> tensors, boolean float16) {
        int width = float16 ? 2 : 4;
        Map<String, Object> header = new LinkedHashMap<>();
        header.put(METADATA_KEY, Map.of("format", "pt"));
        long offset = 0;
        Set<String> names = new HashSet<>();
        for (TensorData tensor : tensors) {
            if (!names.add(tensor.name())) {
                throw new IllegalArgumentException("duplicate tensor " + tensor.name());
            }
            long end = offset + tensor.size() * width;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("dtype", float16 ? "F16" : "F32");
            entry.put("shape", tensor.shape());
            entry.put("data_offsets", List.of(offset, end));
            header.put(tensor.name(), entry);
            offset = end;
        }
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            byte[] json = JSON.writeValueAsBytes(header);
            // pad with spaces so the data starts 8-byte aligned, as the reference writer does
            int padded = (json.length + 7) / 8 * 8;
            ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
            head.putLong(padded).put(json);
            while (head.hasRemaining()) {
                head.put((byte) ' ');
            }
            try (FileChannel out =
                    FileChannel.open(
                            temp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                writeFully(out, head.flip());
                for (TensorData tensor : tensors) {
                    if (float16) {
                        writeHalf(out, tensor.data().asFloatBuffer());
                    } else {
                        writeFully(out, tensor.data());
                    }
                }
            }
            Files.move(
                    temp,
                    file,
                    StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void writeHalf(FileChannel out, FloatBuffer values) throws IOException {
        ByteBuffer chunk =
                ByteBuffer.allocateDirect(CONVERT_CHUNK_VALUES * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (values.hasRemaining()) {
            chunk.clear();
            ShortBuffer halves = chunk.asShortBuffer();
            int n = Math.min(values.remaining(), CONVERT_CHUNK_VALUES);
            for (int i = 0; i < n; i++) {
                halves.put(HalfFloats.floatToHalf(values.get()));
            }
            chunk.limit(n * 2);
            writeFully(out, chunk);
        }
    }

    private static ByteBuffer widen(ShortBuffer halves, boolean bfloat16) {
        int n = halves.remaining();
        ByteBuffer out = ByteBuffer.allocateDirect(n * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer floats = out.asFloatBuffer();
        for (int i = 0; i < n; i++) {
            short h = halves.get(i);
            floats.put(i, bfloat16 ? HalfFloats.bfloat16ToFloat(h) : HalfFloats.halfToFloat(h));
        }
        return out;
    }

    /** Bytes per value of a float dtype this reader widens to F32, or 0 for any other dtype. */
    private static int floatWidth(String dtype) {
        return switch (dtype) {
            case "F32" -> 4;
            case "F16", "BF16" -> 2;
            default -> 0;
        };
    }

    private static Entry entry(Path file, String name, JsonNode node) {
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null
                || !dtype.isTextual()
                || shape == null
                || !shape.isArray()
                || offsets == null
                || !offsets.isArray()
                || offsets.size() != 2) {
            throw new CheckpointException(
                    file
                            + ": bad header: tensor "
                            + name
                            + " needs dtype, shape and data_offsets [begin, end]: "
                            + node);
        }
        List<Long> dims = new ArrayList<>();
        for (JsonNode d : shape) {
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw new CheckpointException(
                        file + ": bad header: tensor " + name + " has shape " + shape);
            }
            dims.add(d.asLong());
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (!offsets.get(0).isIntegralNumber()
                || !offsets.get(1).isIntegralNumber()
                || begin < 0
                || end < begin) {
            throw new CheckpointException(
                    file + ": bad header: tensor " + name + " has data_offsets " + offsets);
        }
        long[] dimArray = dims.stream().mapToLong(Long::longValue).toArray();
        return new Entry(name, dtype.asText(), dimArray, begin, end);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
