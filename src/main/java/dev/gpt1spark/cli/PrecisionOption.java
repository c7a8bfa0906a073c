package dev.gpt1spark.cli;

import dev.gpt1spark.model.Precision;
import picocli.CommandLine.Option;

/** {@code --precision}: the number type a model-running command computes in. */
final class PrecisionOption {
    @Option(
            names = "--precision",
            defaultValue = "fp32",
            paramLabel = "fp32|fp16|bf16",
            description =
                    "Number type the model computes in (default: ${DEFAULT-VALUE}). fp16 and bf16"
                            + " keep embeddings at cosine >= 0.9999 to fp32, but on CPUs without"
                            + " AVX-512 FP16/BF16 or AMX their matrix products are far slower;"
                            + " bf16 can change greedy ids. See README, Performance.")
    String precision;

    Precision get() {
        return Precision.parse(precision);
    }
}
