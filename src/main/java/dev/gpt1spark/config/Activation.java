package dev.gpt1spark.config;

import java.util.Locale;

/**
 * The feed-forward activation of a GPT-1 block.
 *
 * <p>Hugging Face's GPT-1 code has its own table, in which {@code "gelu"} means the tanh
 * approximation (the original TF model's only GELU), not the exact erf GELU that {@code "gelu"}
 * means elsewhere in transformers. {@code "gelu_python"} is the exact erf form.
 */
public enum Activation {
    GELU_TANH("gelu"),
    GELU_ERF("gelu_python"),
    RELU("relu"),
    SILU("silu");

    private final String configName;

    Activation(String configName) {
        this.configName = configName;
    }

    /** The spelling written to a Hugging Face {@code config.json} ({@code "afn"}). */
    public String configName() {
        return configName;
    }

    /**
     * Parses the {@code afn} of a GPT-1 {@code config.json}.
     *
     * @throws IllegalArgumentException for a name GPT-1 does not know
     */
    public static Activation fromConfigName(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "gelu":
            case "gelu_new": // not in HF's GPT-1 table, but it can only mean tanh GELU
            case "gelu_pytorch_tanh":
                return GELU_TANH;
            case "gelu_python":
            case "gelu_exact":
                return GELU_ERF;
            case "relu":
                return RELU;
            case "silu":
            case "swish":
                return SILU;
            default:
                throw new IllegalArgumentException(
                        "unknown activation \""
                                + name
                                + "\" (GPT-1 knows gelu, gelu_python, relu, silu, swish)");
        }
    }
}
