package dev.gpt1spark.cli;

import dev.gpt1spark.model.Precision;
import picocli.CommandLine.Option;

/** {@code --precision}: the number type a model-running command computes in. */
final class PrecisionOption {
    @Option(
            names = "--precision",
            defaultValue = "fp32",
            paramLabel = "fp32|fp16",
            description =
                    "Number type the model computes in (default: ${DEFAULT-VALUE}: on the CPUs"
                            + " measured, fp16 matrix products are far slower; bf16 is not"
                            + " reachable through DJL 0.36, see README, Performance).")
    String precision;

    Precision get() {
        return Precision.parse(precision);
    }
}
