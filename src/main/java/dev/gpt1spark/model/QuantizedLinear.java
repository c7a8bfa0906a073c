package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Set;

/**
 * A weight quantized once to int8, one scale per output row, and re-laid out by oneDNN, applied as
 * y = x·Wᵀ with x quantized at every call, one scale per row ({@code quantized_linear.py} beside
 * this class): the matrix products of {@code --precision int8}, inside {@link FusedLayer} or alone.
 *
 * <p>Per-row activation scales keep a row's product independent of the other rows of its batch, as
 * the float32 kernel's is. Inference only.
 */
public final class QuantizedLinear {
    private final NDArray[] weight;
    private final long out;

    private QuantizedLinear(NDArray[] weight, long out) {
        this.weight = weight;
        this.out = out;
    }

    /**
     * Quantizes a float32 weight stored {@code [out, in]} (nn.Linear's layout, e.g. the tied LM
     * head). The quantized copy is tied to the weight's manager. Needs libtorch's oneDNN int8
     * operators, which the x86-64 CPU build the project pins has.
     */
    public static QuantizedLinear ofOutIn(NDArray weight) {
        return quantize(weight);
    }

    /** Quantizes a float32 weight stored {@code [in, out]} (GPT's Conv1D layout). */
    public static QuantizedLinear ofInOut(NDArray weight) {
        try (NDArray outIn = weight.transpose()) {
            return quantize(outIn);
        }
    }

    private static QuantizedLinear quantize(NDArray outIn) {
        long out = outIn.getShape().get(0);
        NDArray scales = Modules.INSTANCE.rowScales.apply(outIn); // (out,)
        NDArray packed = Modules.INSTANCE.pack.apply(outIn, scales);
        NDArray zeros = outIn.getManager().zeros(new Shape(out), DataType.INT64); // symmetric
        return new QuantizedLinear(new NDArray[] {packed, scales, zeros}, out);
    }

    /**
     * The packed weight, its row scales and zero points, in the order {@code quantized_linear.py}'s
     * {@code linear} takes them, for a TorchScript function that applies it itself ({@link
     * FusedLayer}).
     */
    NDArray[] weight() {
        return weight;
    }

    /** Frees the quantized copy with the model rather than with a caller's scope. */
    void keepWithModel() {
        for (NDArray array : weight) {
            NDScope.unregister(array);
        }
    }

    /** x·Wᵀ for float32 x of shape (…, in): (…, out), float32. */
    public NDArray apply(NDArray x) {
        return Modules.INSTANCE.product.call(x, weight, out);
    }

    /**
     * quantized_linear.py for this CPU: the range activations are quantized to goes in front of it,
     * full (127 levels each side of 128) with VNNI, halved (63 around 64) without, so that AVX2's
     * 16-bit pair sums of uint8 × int8 products cannot saturate.
     */
    static String source() {
        return source(CpuFlags.get());
    }

    static String source(Set<String> flags) {
        boolean vnni =
                flags.contains("avx512_vnni")
                        || flags.contains("avx_vnni")
                        || flags.contains("amx_int8");
        int levels = vnni ? 127 : 63;
        return "def activation_levels() -> float:\n    return "
                + levels
                + ".0\n\n\ndef activation_zero() -> int:\n    return "
                + (levels + 1)
                + "\n\n\n"
                + TorchScriptFunction.resource("quantized_linear.py");
    }

    /** The TorchScript functions, compiled once per JVM on first use of int8. */
    private static final class Modules {
        static final Modules INSTANCE = new Modules();

        final TorchScriptFunction rowScales;
        final TorchScriptFunction pack;
        final TorchScriptFunction product;

        private Modules() {
            String source = source();
            rowScales = TorchScriptFunction.fromSource("RowScales", source);
            pack = TorchScriptFunction.fromSource("PackInt8", source);
            product = TorchScriptFunction.fromSource("QuantizedProduct", source);
        }
    }
}
