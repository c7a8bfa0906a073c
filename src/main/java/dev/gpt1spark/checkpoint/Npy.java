package dev.gpt1spark.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One NumPy {@code .npy} array, memory-mapped.
 *
 * <p>Reads format versions 1.0, 2.0 and 3.0 with little-endian {@code <f4}, {@code <f8}, {@code
 * <i4} or {@code <i8} data in C order, which covers the OpenAI GPT-1 release and the golden arrays.
 * The data is mapped, not copied, so it stays outside the Java heap; one array must be smaller than
 * 2 GiB (one mapping). Every error names the file.
 *
 * <pre>{@code
 * Npy ids = Npy.read(dir.resolve("ids.npy"));
 * int[] values = ids.toIntArray();
 * }</pre>
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Map<String, Integer> ITEM_SIZES =
            Map.of("<f4", 4, "<f8", 8, "<i4", 4, "<i8", 8);

    private final Path file;
    private final long[] shape;
    private final String dtype;
    private final ByteBuffer data;

    private Npy(Path file, long[] shape, String dtype, ByteBuffer data) {
        this.file = file;
        this.shape = shape;
        this.dtype = dtype;
        this.data = data;
    }

    /**
     * Parses the header of {@code file} and maps its data.
     *
     * @throws CheckpointException for a missing or unreadable file, a bad magic string or header,
     *     Fortran order, big-endian or unsupported dtypes, or data shorter than the header says
     */
    public static Npy read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            ByteBuffer preamble = readFully(channel, 0, (int) Math.min(12, fileSize), file);
            if (preamble.remaining() < 10 || !hasMagic(preamble)) {
                throw new CheckpointException(file + ": not a .npy file (bad magic string)");
            }
            int major = preamble.get(6) & 0xff;
            long headerLength;
            int preambleLength;
            if (major == 1) {
                headerLength = preamble.order(ByteOrder.LITTLE_ENDIAN).getShort(8) & 0xffff;
                preambleLength = 10;
            } else if (major == 2 || major == 3) {
                if (preamble.remaining() < 12) {
                    throw new CheckpointException(file + ": truncated header");
                }
                headerLength = preamble.order(ByteOrder.LITTLE_ENDIAN).getInt(8) & 0xffffffffL;
                preambleLength = 12;
            } else {
                throw new CheckpointException(
                        file + ": unsupported .npy format version " + major + ".x");
            }
            long dataStart = preambleLength + headerLength;
            if (dataStart > fileSize) {
                throw new CheckpointException(file + ": truncated header");
            }
            ByteBuffer headerBytes = readFully(channel, preambleLength, (int) headerLength, file);
            // versions 1 and 2 say latin-1, version 3 utf-8; the keys we read are ASCII either way
            String header =
                    (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1)
                            .decode(headerBytes)
                            .toString();
            Map<String, Object> dict = parseHeader(header, file);
            String dtype = checkDtype(dict.get("descr"), file);
            if (!Boolean.FALSE.equals(dict.get("fortran_order"))) {
                throw new CheckpointException(
                        file + ": Fortran-order arrays are not supported (save in C order)");
            }
            long[] shape = checkShape(dict.get("shape"), file);
            long dataBytes = Math.multiplyExact(count(shape), ITEM_SIZES.get(dtype));
            long available = fileSize - dataStart;
            if (available < dataBytes) {
                throw new CheckpointException(
                        file
                                + ": truncated: the header says shape "
                                + Arrays.toString(shape)
                                + " "
                                + dtype
                                + " ("
                                + dataBytes
                                + " bytes) but only "
                                + available
                                + " bytes of data follow it");
            }
            if (dataBytes > Integer.MAX_VALUE) {
                throw new CheckpointException(
                        file
                                + ": "
                                + dataBytes
                                + " bytes of data; arrays over 2 GiB are not supported");
            }
            ByteBuffer data = channel.map(FileChannel.MapMode.READ_ONLY, dataStart, dataBytes);
            return new Npy(file, shape, dtype, data.order(ByteOrder.LITTLE_ENDIAN));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": missing file", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file this array was read from. */
    public Path file() {
        return file;
    }

    /** Dimensions, outermost first; empty for a scalar. */
    public long[] shape() {
        return shape.clone();
    }

    /** NumPy type string: {@code <f4}, {@code <f8}, {@code <i4} or {@code <i8}. */
    public String dtype() {
        return dtype;
    }

    /** Number of values. */
    public long size() {
        return count(shape);
    }

    /** A read-only little-endian view of the raw values in C order, positioned at the first. */
    public ByteBuffer data() {
        return data.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Copies a {@code <f4} array to the heap (for goldens and small arrays). */
    public float[] toFloatArray() {
        requireDtype("<f4");
        float[] values = new float[Math.toIntExact(size())];
        data().asFloatBuffer().get(values);
        return values;
    }

    /** Copies a {@code <f8} array to the heap. */
    public double[] toDoubleArray() {
        requireDtype("<f8");
        double[] values = new double[Math.toIntExact(size())];
        data().asDoubleBuffer().get(values);
        return values;
    }

    /** Copies a {@code <i4} array to the heap. */
    public int[] toIntArray() {
        requireDtype("<i4");
        int[] values = new int[Math.toIntExact(size())];
        data().asIntBuffer().get(values);
        return values;
    }

    /** Copies a {@code <i8} array to the heap. */
    public long[] toLongArray() {
        requireDtype("<i8");
        long[] values = new long[Math.toIntExact(size())];
        data().asLongBuffer().get(values);
        return values;
    }

    @Override
    public String toString() {
        return "Npy[" + file + ", " + dtype + " " + Arrays.toString(shape) + "]";
    }

    private void requireDtype(String expected) {
        if (!dtype.equals(expected)) {
            throw new CheckpointException(file + ": dtype " + dtype + ", expected " + expected);
        }
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static boolean hasMagic(ByteBuffer preamble) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble.get(i) != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length, Path file)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new CheckpointException(file + ": truncated header");
            }
        }
        return buffer.flip();
    }

    private static String checkDtype(Object descr, Path file) {
        if (!(descr instanceof String)) {
            throw new CheckpointException(
                    file + ": unsupported dtype " + descr + " (a structured array?)");
        }
        String dtype = (String) descr;
        if (dtype.startsWith(">")) {
            throw new CheckpointException(
                    file
                            + ": big-endian dtype "
                            + dtype
                            + " is not supported (save as little-endian)");
        }
        if (!ITEM_SIZES.containsKey(dtype)) {
            throw new CheckpointException(
                    file + ": unsupported dtype " + dtype + " (supported: <f4, <f8, <i4, <i8)");
        }
        return dtype;
    }

    private static long[] checkShape(Object value, Path file) {
        if (!(value instanceof List)) {
            throw new CheckpointException(file + ": bad header: shape is not a tuple");
        }
        List<?> dims = (List<?>) value;
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long) || (Long) dims.get(i) < 0) {
                throw new CheckpointException(file + ": bad header: shape " + dims);
            }
            shape[i] = (Long) dims.get(i);
        }
        return shape;
    }

    /** Parses the header's Python dict literal: string keys; string, bool or int-tuple values. */
    static Map<String, Object> parseHeader(String header, Path file) {
        HeaderParser parser = new HeaderParser(header, file);
        Object value = parser.value();
        parser.skipSpace();
        if (!(value instanceof Map) || !parser.atEnd()) {
            throw parser.error();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> dict = (Map<String, Object>) value;
        return dict;
    }

    private static final class HeaderParser {
        private final String text;
        private final Path file;
        private int pos;

        HeaderParser(String text, Path file) {
            this.text = text;
            this.file = file;
        }

        Object value() {
            skipSpace();
            if (atEnd()) {
                throw error();
            }
            char c = text.charAt(pos);
            if (c == '{') {
                return dict();
            } else if (c == '(' || c == '[') {
                return tuple(c == '(' ? ')' : ']');
            } else if (c == '\'' || c == '"') {
                return string();
            } else if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            } else if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            } else if (Character.isDigit(c)) {
                int start = pos;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                // numpy writes "3L" under Python 2
                long number = Long.parseLong(text.substring(start, pos));
                if (pos < text.length() && text.charAt(pos) == 'L') {
                    pos++;
                }
                return number;
            }
            throw error();
        }

        private Map<String, Object> dict() {
            Map<String, Object> dict = new LinkedHashMap<>();
            pos++; // '{'
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    return dict;
                }
                Object key = value();
                skipSpace();
                expect(':');
                dict.put(String.valueOf(key), value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error();
                }
            }
        }

        private List<Object> tuple(char close) {
            List<Object> items = new ArrayList<>();
            pos++; // '(' or '['
            while (true) {
                skipSpace();
                if (peek() == close) {
                    pos++;
                    return items;
                }
                items.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != close) {
                    throw error();
                }
            }
        }

        private String string() {
            char quote = text.charAt(pos++);
            int end = text.indexOf(quote, pos);
            if (end < 0) {
                throw error();
            }
            String s = text.substring(pos, end);
            pos = end + 1;
            return s;
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error();
            }
            pos++;
        }

        private char peek() {
            if (atEnd()) {
                throw error();
            }
            return text.charAt(pos);
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= text.length();
        }

        CheckpointException error() {
            return new CheckpointException(file + ": bad header: " + text.strip());
        }
    }
}
