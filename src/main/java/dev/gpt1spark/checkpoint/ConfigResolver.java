package dev.gpt1spark.checkpoint;

import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.config.TaskFormat;
import dev.gpt1spark.settings.SettingText;
import java.util.List;
import java.util.Map;

/**
 * Combines what the weights imply, an optional {@code config.json} and an optional n_head override
 * into one {@link ModelConfig}, refusing contradictions and noting where each value came from.
 */
final class ConfigResolver {

    /** GPT-1's heads are 64 wide; the fallback when nothing states n_head. */
    static final int HEAD_SIZE = 64;

    /**
     * The dimensions the weights imply.
     *
     * @param evidence for each config key ({@code n_layer}, {@code n_embd}, {@code n_positions},
     *     {@code vocab_size}), the file and tensor that imply it, for error messages
     */
    record WeightDims(
            int nLayer, int nEmbd, int nPositions, int vocabSize, Map<String, String> evidence) {}

    private ConfigResolver() {}

    /**
     * Resolves the configuration.
     *
     * @param config the {@code config.json}, or null when there is none
     * @param nHeadOverride n_head from the caller, or null
     * @param labels classification labels, already checked against {@code score.weight}
     * @param notes receives one line per decision
     */
    static ModelConfig resolve(
            WeightDims weights,
            HfConfig config,
            Integer nHeadOverride,
            List<String> labels,
            List<SettingText> notes) {
        if (config != null) {
            agree(config, "n_layer", config.nLayer(), weights.nLayer(), weights);
            agree(config, "n_embd", config.nEmbd(), weights.nEmbd(), weights);
            agree(config, "n_positions", config.nPositions(), weights.nPositions(), weights);
            agree(config, "vocab_size", config.vocabSize(), weights.vocabSize(), weights);
        }
        int nHead = nHead(weights, config, nHeadOverride, notes);
        // without a config, the original TF code's: tanh GELU (its only GELU) and eps 1e-5
        Activation activation = Activation.GELU_TANH;
        double eps = 1e-5;
        if (config == null) {
            notes.add(
                    new SettingText(
                            "activation "
                                    + activation
                                    + " and layer_norm_epsilon 1e-5, the original release's (no"
                                    + " config.json)"));
        } else {
            String file = config.file().getFileName().toString();
            if (config.activation() != null) {
                activation = config.activation();
                notes.add(new SettingText("activation " + activation + " from " + file));
            } else {
                notes.add(
                        new SettingText(
                                "activation " + activation + ", GPT-1's (no afn in " + file + ")"));
            }
            if (config.layerNormEpsilon() != null) {
                eps = config.layerNormEpsilon();
            } else {
                notes.add(
                        new SettingText("layer_norm_epsilon 1e-5, GPT-1's (none in " + file + ")"));
            }
        }
        return new ModelConfig(
                weights.nLayer(),
                nHead,
                weights.nEmbd(),
                weights.nPositions(),
                weights.vocabSize(),
                activation,
                eps,
                labels,
                taskFormat(config, weights));
    }

    private static TaskFormat taskFormat(HfConfig config, WeightDims weights) {
        TaskFormat format = config == null ? null : config.taskFormat();
        if (format != null && format.classifyId() >= weights.vocabSize()) {
            throw new CheckpointException(
                    config.file()
                            + ": task_tokens "
                            + format
                            + " lie outside the vocabulary: "
                            + weights.evidence().get("vocab_size"));
        }
        return format;
    }

    private static void agree(
            HfConfig config, String key, Integer stated, int implied, WeightDims weights) {
        if (stated != null && stated != implied) {
            throw new CheckpointException(
                    config.file()
                            + ": "
                            + key
                            + " "
                            + stated
                            + " contradicts the weights: "
                            + weights.evidence().get(key));
        }
    }

    private static int nHead(
            WeightDims weights, HfConfig config, Integer override, List<SettingText> notes) {
        if (override != null) {
            CheckpointReader.N_HEAD.check(override);
        }
        int nEmbd = weights.nEmbd();
        Integer stated = config == null ? null : config.nHead();
        if (stated != null) {
            String file = config.file().getFileName().toString();
            if (override != null && !override.equals(stated)) {
                throw CheckpointException.naming(
                        config.file() + ": n_head " + stated + " contradicts ",
                        CheckpointReader.N_HEAD,
                        " " + override);
            }
            if (stated <= 0 || nEmbd % stated != 0) {
                throw new CheckpointException(
                        config.file()
                                + ": n_embd "
                                + nEmbd
                                + " is not divisible by n_head "
                                + stated);
            }
            notes.add(
                    override != null
                            ? new SettingText(
                                    "n_head " + stated + " from " + file + " (same as ",
                                    CheckpointReader.N_HEAD,
                                    ")")
                            : new SettingText("n_head " + stated + " from " + file));
            return stated;
        }
        if (override != null) {
            if (nEmbd % override != 0) {
                throw CheckpointException.naming(
                        CheckpointReader.N_HEAD,
                        " "
                                + override
                                + ": n_embd "
                                + nEmbd
                                + " ("
                                + weights.evidence().get("n_embd")
                                + ") is not divisible by n_head "
                                + override);
            }
            notes.add(new SettingText("n_head " + override + " from ", CheckpointReader.N_HEAD));
            return override;
        }
        int nHead = Math.max(1, nEmbd / HEAD_SIZE);
        if (nEmbd % nHead != 0) {
            throw CheckpointException.naming(
                    "n_embd "
                            + nEmbd
                            + " ("
                            + weights.evidence().get("n_embd")
                            + ") is not divisible by n_head "
                            + nHead
                            + " = n_embd/"
                            + HEAD_SIZE
                            + "; give n_head with ",
                    CheckpointReader.N_HEAD);
        }
        notes.add(
                new SettingText(
                        "n_head "
                                + nHead
                                + " = n_embd/"
                                + HEAD_SIZE
                                + (config == null
                                        ? " (no config.json and no "
                                        : " (no n_head in config.json and no "),
                        CheckpointReader.N_HEAD,
                        ")"));
        return nHead;
    }
}
