package dev.gpt1spark.cli;

import dev.gpt1spark.model.Precision;
import picocli.CommandLine.Option;

/** {@code --precision}: the number type a model-running command computes in. */
final class PrecisionOption {
    @Option(
            names = "--precision",
            defaultValue = AUTO,
            paramLabel = "auto|fp32|fp16|bf16",
            description =
                    "Number type the model computes in (default: ${DEFAULT-VALUE}); outputs stay"
                            + " fp32. auto: the fastest type this CPU computes natively whose"
                            + " outputs on a fixed probe stay within the command's bar (pooled"
                            + " cosine >= 0.9999 and same labels; NLL within 0.1%; generate also"
                            + " top-1 agreement >= 0.99), chosen once and recorded in the summary."
                            + " fp16 and bf16 on CPUs without their arithmetic are far slower.")
    String precision;

    private static final String AUTO = "auto";

    /** The precision asked for, or null for auto. */
    Precision get() {
        if (AUTO.equalsIgnoreCase(precision)) {
            return null;
        }
        try {
            return Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown precision \"" + precision + "\" (expected auto, fp32, fp16 or bf16)",
                    e);
        }
    }
}
