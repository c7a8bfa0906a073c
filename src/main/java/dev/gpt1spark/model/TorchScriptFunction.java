package dev.gpt1spark.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A tensor function run by libtorch from TorchScript source, for what DJL 0.36 cannot ask for
 * itself:
 *
 * <ul>
 *   <li>bfloat16: DJL's JNI maps no dtype code to it and aborts the JVM ({@code throw;} with no
 *       active exception, so std::terminate) on any cast to, creation of or softmax with a bfloat16
 *       dtype. A TorchScript module may cast freely, and DJL then carries the result as a tensor of
 *       "unknown" type that matMul and every other dtype-free op accept.
 *   <li>operators DJL does not bind, such as oneDNN's pre-packed linear ({@link PackedLinear}).
 * </ul>
 *
 * <p>Python cannot run here, so the module is written from its TorchScript source: a zip with the
 * code, a short pickle of the module object, empty constants and the format version; libtorch
 * compiles the source when it loads the archive. Nothing is downloaded.
 */
public final class TorchScriptFunction implements AutoCloseable {
    /** c10::ScalarType::BFloat16. */
    public static final int BFLOAT16 = 15;

    private final Model model;

    private TorchScriptFunction(Model model) {
        this.model = model;
    }

    /**
     * Compiles {@code return EXPRESSION} of a tensor {@code x}, e.g. {@code torch.to(x, 15)}.
     *
     * @param name the module's class name, a Python identifier
     */
    public static TorchScriptFunction of(String name, String expression) {
        return compile(name, "x: Tensor", "    return " + expression + "\n");
    }

    /**
     * Compiles a function of several tensors.
     *
     * @param name the module's class name, a Python identifier
     * @param parameters the signature after {@code self}, e.g. {@code "x: Tensor, w: Tensor"}
     * @param body the statements, each line indented by four spaces and ending in a newline
     */
    public static TorchScriptFunction compile(String name, String parameters, String body) {
        return fromSource(name, moduleSource(name, parameters, body));
    }

    /**
     * Compiles a module from TorchScript source as libtorch reads it back from an archive (no
     * imports; functions of the same source are called as {@code __torch__.NAME}).
     *
     * @param className the class of {@code source} to instantiate: {@code class NAME(Module)} with
     *     {@code __parameters__ = []}, {@code __buffers__ = []}, {@code training : bool} and a
     *     {@code forward}
     * @param source the whole source, which may define other classes and functions
     * @throws IllegalStateException where libtorch refuses the source, with its message
     */
    public static TorchScriptFunction fromSource(String className, String source) {
        try {
            Path dir = Files.createTempDirectory("gpt1-torchscript");
            Path file = Files.write(dir.resolve(className + ".pt"), archive(className, source));
            Model model = Model.newInstance(className, Device.cpu(), "PyTorch");
            try {
                model.load(dir, className);
            } catch (MalformedModelException | RuntimeException e) {
                model.close();
                throw new IllegalStateException(
                        "libtorch refused TorchScript module " + className + ": " + e, e);
            } finally {
                Files.delete(file); // libtorch has read it
                Files.delete(dir);
            }
            return new TorchScriptFunction(model);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write a TorchScript module: " + e.getMessage(), e);
        }
    }

    /**
     * The text of a TorchScript source beside this class ({@code
     * src/main/resources/dev/gpt1spark/model}).
     */
    static String resource(String name) {
        try (InputStream in = TorchScriptFunction.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The function of {@code inputs}, attached to the first input's manager. */
    public NDArray apply(NDArray... inputs) {
        return call((Object[]) inputs);
    }

    /**
     * The function of {@code arguments}, attached to the first argument's manager (which must be a
     * tensor).
     *
     * @param arguments in the order of {@code forward}'s parameters: an {@link NDArray} for a
     *     {@code Tensor}, an {@code NDArray[]} for a {@code List[Tensor]}, an Integer or Long for
     *     an {@code int}, a Double for a {@code float}, a String for a {@code str}
     */
    public NDArray call(Object... arguments) {
        // IValues directly: DJL's NDList forward turns named arrays (every model parameter,
        // "h.0.attn.c_attn.bias") into a dict argument
        IValue[] values = new IValue[arguments.length];
        try {
            for (int i = 0; i < arguments.length; i++) {
                values[i] = value(arguments[i]);
            }
            try (IValue result = ((PtSymbolBlock) model.getBlock()).forward(values)) {
                return result.toTensor((PtNDManager) ((NDArray) arguments[0]).getManager());
            }
        } finally {
            for (IValue value : values) {
                if (value != null) {
                    value.close();
                }
            }
        }
    }

    private static IValue value(Object argument) {
        if (argument instanceof NDArray) {
            return IValue.from((PtNDArray) argument);
        }
        if (argument instanceof NDArray[]) {
            NDArray[] arrays = (NDArray[]) argument;
            return IValue.listFrom(
                    java.util.Arrays.copyOf(arrays, arrays.length, PtNDArray[].class));
        }
        if (argument instanceof Integer || argument instanceof Long) {
            return IValue.from(((Number) argument).longValue());
        }
        if (argument instanceof Double) {
            return IValue.from((double) (Double) argument);
        }
        if (argument instanceof String) {
            return IValue.from((String) argument);
        }
        throw new IllegalArgumentException(
                "a TorchScript argument must be a tensor, an int, a double or a string, got "
                        + (argument == null ? "null" : argument.getClass().getSimpleName()));
    }

    @Override
    public void close() {
        model.close();
    }

    private static String moduleSource(String name, String parameters, String body) {
        return "class "
                + name
                + "(Module):\n"
                + "  __parameters__ = []\n"
                + "  __buffers__ = []\n"
                + "  training : bool\n"
                + "  def forward(self: __torch__."
                + name
                + ",\n    "
                + parameters
                + ") -> Tensor:\n"
                + body;
    }

    /**
     * The archive torch.jit.save would write for a module of {@code source} without parameters:
     * entries {@code NAME/data.pkl}, {@code code/__torch__.py}, {@code constants.pkl} and {@code
     * version}, uncompressed.
     */
    static byte[] archive(String name, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            String root = name + "/";
            stored(zip, root + "data.pkl", moduleObjectPickle(name));
            stored(zip, root + "code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, root + "constants.pkl", new byte[] {(byte) 0x80, 2, ')', '.'});
            stored(zip, root + "version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }

    /** Pickle protocol 2: an instance of __torch__.NAME whose state is {"training": True}. */
    private static byte[] moduleObjectPickle(String name) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.writeBytes(new byte[] {(byte) 0x80, 2}); // PROTO 2
        p.writeBytes(("c__torch__\n" + name + "\n").getBytes(StandardCharsets.US_ASCII)); // GLOBAL
        p.writeBytes(new byte[] {')', (byte) 0x81, '}'}); // EMPTY_TUPLE NEWOBJ EMPTY_DICT
        p.writeBytes(new byte[] {'X', 8, 0, 0, 0}); // BINUNICODE of 8 bytes
        p.writeBytes("training".getBytes(StandardCharsets.US_ASCII));
        p.writeBytes(new byte[] {(byte) 0x88, 's', 'b', '.'}); // NEWTRUE SETITEM BUILD STOP
        return p.toByteArray();
    }

    /** Uncompressed entries, as torch.jit.save writes them. */
    private static void stored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }
}
