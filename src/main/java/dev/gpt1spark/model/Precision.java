package dev.gpt1spark.model;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The number type the model computes in. Weights are stored float32 (or float16) in checkpoints and
 * cast once at load; outputs (embeddings, log-probabilities, probabilities) are always float32.
 */
public enum Precision {
    FP32(DataType.FLOAT32),
    FP16(DataType.FLOAT16),
    BF16(DataType.BFLOAT16);

    /** What {@code --precision} defaults to: the fastest one that meets the accuracy bar here. */
    public static final Precision DEFAULT = FP32;

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }

    /** The lower-case name used on the command line, in job files and in summaries. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code fp32}, {@code fp16} or {@code bf16}.
     *
     * @throws IllegalArgumentException for another name, and for bf16, which DJL 0.36 cannot run
     */
    public static Precision parse(String name) {
        Precision p;
        try {
            p = valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown precision \"" + name + "\" (expected fp32 or fp16)", e);
        }
        p.checkReachable();
        return p;
    }

    /**
     * Refuses bf16 with the reason: DJL 0.36's native bridge maps no dtype code to bfloat16 and
     * ends the JVM (std::terminate) on any cast to or creation of a bfloat16 tensor.
     */
    public void checkReachable() {
        if (this == BF16) {
            throw new IllegalArgumentException(
                    "bf16 is not available: DJL 0.36's PyTorch bridge aborts the JVM on any"
                            + " bfloat16 tensor (README, Performance); use fp32 or fp16");
        }
    }
}
