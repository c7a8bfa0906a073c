package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import java.util.Locale;
import java.util.Set;

/**
 * The number type the model computes in. Weights are cast once at load; outputs (embeddings,
 * log-probabilities, probabilities) are always float32.
 *
 * <p>bf16 goes around DJL 0.36, which aborts the JVM on any bfloat16 dtype it is handed: casts to
 * bfloat16 and softmax (whose JNI call takes a dtype) run as TorchScript functions ({@link
 * TorchScriptFunction}); every other op the model uses takes no dtype.
 */
public enum Precision {
    FP32,
    FP16,
    BF16,
    /**
     * int8 matrix products (weights quantized once per output row, activations per row at every
     * call) inside float32 blocks; embeddings, LayerNorms, attention and outputs stay float32.
     * Never chosen by {@code auto}: only when asked.
     */
    INT8;

    /**
     * What {@code --precision} defaults to: the fastest precision that keeps pooled embeddings at
     * cosine ≥ 0.9999 to float32 and greedy ids unchanged on the CPUs measured (README).
     */
    public static final Precision DEFAULT = FP32;

    /**
     * Whether this CPU computes this type in hardware: always for fp32; bf16 with {@code
     * avx512_bf16} or {@code amx_bf16}, fp16 with {@code avx512_fp16} or {@code amx_fp16}. Without
     * them libtorch emulates the type, slower than fp32, and oneDNN may refuse it.
     */
    public boolean isNative() {
        return isNativeWith(CpuFlags.get());
    }

    /** {@link #isNative} for a CPU with these flags. */
    boolean isNativeWith(Set<String> flags) {
        switch (this) {
            case FP32:
                return true;
            case BF16:
                return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
            case FP16:
                return flags.contains("avx512_fp16") || flags.contains("amx_fp16");
            case INT8:
                return flags.contains("avx2");
            default:
                throw new IllegalStateException("unhandled precision " + this);
        }
    }

    /**
     * Refuses a precision this CPU cannot run: int8 without AVX2 (oneDNN's int8 kernels start
     * there). The 16-bit types always run, emulated where not native.
     *
     * @throws SettingException in one line, naming the precision setting
     */
    public void requireRunnable() {
        requireRunnableWith(CpuFlags.get());
    }

    /** {@link #requireRunnable} for a CPU with these flags. */
    void requireRunnableWith(Set<String> flags) {
        if (this == INT8 && !isNativeWith(flags)) {
            throw new SettingException(
                    SETTING,
                    " int8 needs a CPU with AVX2 (its int8 matrix products); this one has none:"
                            + " use fp32");
        }
    }

    /**
     * Bytes of one matrix weight as the products read it (int8's row scales, one float per output
     * row, are left out): what a decode step streams from memory per weight.
     */
    public int bytesPerWeight() {
        switch (this) {
            case FP32:
                return 4;
            case FP16:
            case BF16:
                return 2;
            case INT8:
                return 1;
            default:
                throw new IllegalStateException("unhandled precision " + this);
        }
    }

    /** Whether the weights of the matrix products are quantized (activations stay float32). */
    public boolean quantized() {
        return this == INT8;
    }

    /** The lower-case name used on the command line, in job files and in summaries. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The precision setting's word for "choose per CPU and command" (not a type). */
    public static final String AUTO = "auto";

    /**
     * The precision setting ({@code --precision}): auto or a label. Declared here, where a CPU that
     * cannot run the chosen type refuses it by this name; the commands take it from {@code
     * task/TaskSettings}.
     */
    public static final Setting<String> SETTING =
            Setting.choice(
                    "precision",
                    AUTO,
                    "Number type the model computes in (outputs stay float32). auto: the fastest"
                            + " type this CPU computes natively whose outputs on a fixed probe stay"
                            + " within the command's bar (pooled cosine >= 0.9999 and same labels;"
                            + " NLL within 0.1%; generate also top-1 agreement >= 0.99), chosen"
                            + " once and recorded in the summary. fp16 and bf16 on CPUs without"
                            + " their arithmetic are far slower. int8: matrix products in 8-bit"
                            + " integers (weights per output row, activations per token), only"
                            + " when asked (auto never picks it); needs AVX2.",
                    choices());

    /** {@link #AUTO} and every label, as the precision setting takes them. */
    public static String[] choices() {
        String[] labels = labels();
        String[] all = new String[labels.length + 1];
        all[0] = AUTO;
        System.arraycopy(labels, 0, all, 1, labels.length);
        return all;
    }

    /** The type a precision setting names, or null for {@link #AUTO}. */
    public static Precision parseOrAuto(String name) {
        return AUTO.equalsIgnoreCase(name) ? null : parse(name);
    }

    /** Every precision's label, in declaration order. */
    public static String[] labels() {
        return java.util.Arrays.stream(values()).map(Precision::label).toArray(String[]::new);
    }

    /** Parses {@code fp32}, {@code fp16}, {@code bf16} or {@code int8}. */
    public static Precision parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown precision \"" + name + "\" (expected fp32, fp16, bf16 or int8)", e);
        }
    }

    /**
     * {@code x} (float32) in the type this precision computes activations in; x itself for FP32 and
     * INT8 (whose weights are quantized where the blocks are fused, not here).
     */
    public NDArray cast(NDArray x) {
        switch (this) {
            case FP32:
            case INT8:
                return x;
            case FP16:
                return x.toType(DataType.FLOAT16, false);
            case BF16:
                return Bf16Functions.TO_BF16.apply(x);
            default:
                throw new IllegalStateException("unhandled precision " + this);
        }
    }

    /**
     * Zeros in this precision that may be written in place (for the key/value cache). A bf16 tensor
     * made by TorchScript is an inference tensor, which libtorch refuses to update in place outside
     * inference mode, so it is cloned into an ordinary one.
     */
    NDArray zeros(NDManager manager, Shape shape) {
        switch (this) {
            case FP32:
            case INT8:
                return manager.zeros(shape, DataType.FLOAT32);
            case FP16:
                return manager.zeros(shape, DataType.FLOAT16);
            case BF16:
                try (NDArray zeros = manager.zeros(shape);
                        NDArray inference = Bf16Functions.TO_BF16.apply(zeros)) {
                    return inference.duplicate();
                }
            default:
                throw new IllegalStateException("unhandled precision " + this);
        }
    }

    /** Softmax over the last axis, computed in this precision. */
    NDArray softmax(NDArray x) {
        return this == BF16 ? Bf16Functions.SOFTMAX.apply(x) : x.softmax(-1);
    }

    /** Compiled on first use of bf16, once per JVM. */
    private static final class Bf16Functions {
        static final TorchScriptFunction TO_BF16 =
                TorchScriptFunction.of(
                        "ToBf16", "torch.to(x, " + TorchScriptFunction.BFLOAT16 + ")");
        static final TorchScriptFunction SOFTMAX =
                TorchScriptFunction.of("SoftmaxLast", "torch.softmax(x, -1)");
    }
}
