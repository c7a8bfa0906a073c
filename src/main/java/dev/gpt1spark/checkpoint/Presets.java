package dev.gpt1spark.checkpoint;

import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named model shapes, for random initialisation and tests.
 *
 * <table>
 *   <caption>Presets</caption>
 *   <tr><th>name</th><th>n_layer</th><th>n_head</th><th>n_embd</th><th>n_positions</th>
 *       <th>vocab</th></tr>
 *   <tr><td>{@code openai-gpt}</td><td>12</td><td>12</td><td>768</td><td>512</td>
 *       <td>40478</td></tr>
 *   <tr><td>{@code tiny}</td><td>2</td><td>4</td><td>64</td><td>128</td><td>40478</td></tr>
 * </table>
 *
 * <p>Both use tanh GELU and LayerNorm epsilon 1e-5, have no classifier, and keep the full
 * vocabulary so the real tokenizer works with them.
 */
public final class Presets {

    /** The released GPT-1 (Hugging Face {@code openai-gpt}), 116,534,784 parameters. */
    public static final String OPENAI_GPT = "openai-gpt";

    /** The shape of the reference fixtures' model A, 2,698,752 parameters. */
    public static final String TINY = "tiny";

    private static final Map<String, ModelConfig> PRESETS = new LinkedHashMap<>();

    static {
        PRESETS.put(OPENAI_GPT, gpt(12, 12, 768, 512));
        PRESETS.put(TINY, gpt(2, 4, 64, 128));
    }

    private Presets() {}

    /** The released GPT-1's configuration. */
    public static ModelConfig openaiGpt() {
        return PRESETS.get(OPENAI_GPT);
    }

    /** The tiny fixture model's configuration. */
    public static ModelConfig tiny() {
        return PRESETS.get(TINY);
    }

    /**
     * A preset by name.
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static ModelConfig get(String name) {
        ModelConfig config = PRESETS.get(name);
        if (config == null) {
            throw new IllegalArgumentException(
                    "unknown preset \"" + name + "\" (known: " + String.join(", ", names()) + ")");
        }
        return config;
    }

    /** The preset names. */
    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    private static ModelConfig gpt(int nLayer, int nHead, int nEmbd, int nPositions) {
        return new ModelConfig(
                nLayer, nHead, nEmbd, nPositions, 40478, Activation.GELU_TANH, 1e-5, List.of());
    }
}
