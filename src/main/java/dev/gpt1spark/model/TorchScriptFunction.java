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
        try {
            Path dir = Files.createTempDirectory("gpt1-torchscript");
            Path file = Files.write(dir.resolve(name + ".pt"), archive(name, parameters, body));
            Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
            try {
                model.load(dir, name);
            } finally {
                Files.delete(file); // libtorch has read it
                Files.delete(dir);
            }
            return new TorchScriptFunction(model);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write a TorchScript module: " + e.getMessage(), e);
        } catch (MalformedModelException e) {
            throw new IllegalStateException("libtorch refused a TorchScript module: " + e, e);
        }
    }

    /** The function of {@code inputs}, attached to the first input's manager. */
    public NDArray apply(NDArray... inputs) {
        // IValues directly: DJL's NDList forward turns named arrays (every model parameter,
        // "h.0.attn.c_attn.bias") into a dict argument
        IValue[] arguments = new IValue[inputs.length];
        try {
            for (int i = 0; i < inputs.length; i++) {
                arguments[i] = IValue.from((PtNDArray) inputs[i]);
            }
            try (IValue result = ((PtSymbolBlock) model.getBlock()).forward(arguments)) {
                return result.toTensor((PtNDManager) inputs[0].getManager());
            }
        } finally {
            for (IValue argument : arguments) {
                if (argument != null) {
                    argument.close();
                }
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }

    private static byte[] archive(String name, String parameters, String body) throws IOException {
        String code =
                "class "
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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            String root = name + "/";
            stored(zip, root + "data.pkl", moduleObjectPickle(name));
            stored(zip, root + "code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
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
