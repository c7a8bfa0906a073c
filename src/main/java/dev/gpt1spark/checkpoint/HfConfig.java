package dev.gpt1spark.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.config.TaskFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The GPT-1 keys of a Hugging Face {@code config.json}, each null when the file does not set it.
 *
 * <p>This is the one place where Hugging Face's snake_case keys meet {@link ModelConfig}.
 *
 * @param file where it was read from
 * @param nLayer {@code n_layer}
 * @param nHead {@code n_head}
 * @param nEmbd {@code n_embd}
 * @param nPositions {@code n_positions}, or else the old alias {@code n_ctx}
 * @param vocabSize {@code vocab_size}
 * @param activation {@code afn}
 * @param layerNormEpsilon {@code layer_norm_epsilon}
 * @param labels names from {@code id2label} in id order, or {@code LABEL_i} for {@code num_labels}
 *     alone
 * @param taskFormat {@code task_tokens} and {@code task_input} of a checkpoint fine-tuned with
 *     GPT-1's task tokens (this project's keys; Hugging Face ignores them)
 */
record HfConfig(
        Path file,
        Integer nLayer,
        Integer nHead,
        Integer nEmbd,
        Integer nPositions,
        Integer vocabSize,
        Activation activation,
        Double layerNormEpsilon,
        List<String> labels,
        TaskFormat taskFormat) {

    /** Ids of _start_, _delimiter_ and _classify_ in a fine-tuned checkpoint. */
    static final String TASK_TOKENS = "task_tokens";

    /** "single" or "pair": what input the checkpoint was fine-tuned on. */
    static final String TASK_INPUT = "task_input";

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Parses {@code file}.
     *
     * @throws CheckpointException for a missing or malformed file, a non-integer size, an unknown
     *     {@code afn} or {@code id2label} ids that are not 0..n-1
     */
    static HfConfig read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": missing file", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(file + ": not a JSON object");
        }
        Integer nPositions = integer(root, "n_positions", file);
        if (nPositions == null) {
            nPositions = integer(root, "n_ctx", file);
        }
        Activation activation = null;
        JsonNode afn = root.get("afn");
        if (afn != null && !afn.isNull()) {
            try {
                activation = Activation.fromConfigName(afn.asText());
            } catch (IllegalArgumentException e) {
                throw new CheckpointException(file + ": afn: " + e.getMessage(), e);
            }
        }
        Double eps = null;
        JsonNode epsNode = root.get("layer_norm_epsilon");
        if (epsNode != null && !epsNode.isNull()) {
            if (!epsNode.isNumber() || !(epsNode.asDouble() > 0)) {
                throw new CheckpointException(
                        file + ": layer_norm_epsilon must be a positive number, got " + epsNode);
            }
            eps = epsNode.asDouble();
        }
        return new HfConfig(
                file,
                integer(root, "n_layer", file),
                integer(root, "n_head", file),
                integer(root, "n_embd", file),
                nPositions,
                integer(root, "vocab_size", file),
                activation,
                eps,
                labels(root, file),
                taskFormat(root, file));
    }

    /**
     * The {@code config.json} of Hugging Face's {@code openai-gpt}, for {@code config}.
     *
     * <p>Keys are sorted as {@code save_pretrained} writes them; dropout keys are the released 0.1
     * (inactive at inference), and a classifier adds {@code id2label}/{@code label2id}.
     */
    static ObjectNode toJson(ModelConfig config, boolean float16) {
        TreeMap<String, Object> keys = new TreeMap<>();
        keys.put("afn", config.activation().configName());
        keys.put(
                "architectures",
                List.of(
                        config.hasClassifier()
                                ? "OpenAIGPTForSequenceClassification"
                                : "OpenAIGPTLMHeadModel"));
        keys.put("attn_pdrop", 0.1);
        keys.put("embd_pdrop", 0.1);
        keys.put("initializer_range", 0.02);
        keys.put("layer_norm_epsilon", config.layerNormEpsilon());
        keys.put("model_type", "openai-gpt");
        keys.put("n_ctx", config.nPositions());
        keys.put("n_embd", config.nEmbd());
        keys.put("n_head", config.nHead());
        keys.put("n_layer", config.nLayer());
        keys.put("n_positions", config.nPositions());
        keys.put("n_special", 0);
        keys.put("predict_special_tokens", true);
        keys.put("resid_pdrop", 0.1);
        keys.put("summary_activation", null);
        keys.put("summary_first_dropout", 0.1);
        keys.put("summary_proj_to_labels", true);
        keys.put("summary_type", "cls_index");
        keys.put("summary_use_proj", true);
        keys.put("torch_dtype", float16 ? "float16" : "float32");
        keys.put("vocab_size", config.vocabSize());
        TaskFormat task = config.taskFormat();
        if (task != null) {
            Map<String, Integer> tokens = new LinkedHashMap<>();
            tokens.put(TaskFormat.START, task.startId());
            tokens.put(TaskFormat.DELIMITER, task.delimiterId());
            tokens.put(TaskFormat.CLASSIFY, task.classifyId());
            keys.put(TASK_TOKENS, tokens);
            keys.put(TASK_INPUT, task.pair() ? "pair" : "single");
        }
        if (config.hasClassifier()) {
            TreeMap<String, Object> id2label = new TreeMap<>();
            TreeMap<String, Object> label2id = new TreeMap<>();
            for (int i = 0; i < config.labels().size(); i++) {
                id2label.put(Integer.toString(i), config.labels().get(i));
                label2id.put(config.labels().get(i), i);
            }
            // sorted as strings ("10" before "2") like HF's sort_keys; HF parses them as ints
            keys.put("id2label", id2label);
            keys.put("label2id", label2id);
        }
        return JSON.valueToTree(keys);
    }

    /** Writes {@link #toJson} to {@code file}. */
    static void write(ModelConfig config, boolean float16, Path file) {
        try {
            JSON.writeValue(file.toFile(), toJson(config, float16));
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static TaskFormat taskFormat(JsonNode root, Path file) {
        JsonNode tokens = root.get(TASK_TOKENS);
        if (tokens == null || tokens.isNull()) {
            return null;
        }
        String input = root.path(TASK_INPUT).asText("");
        if (!input.equals("single") && !input.equals("pair")) {
            throw new CheckpointException(
                    file + ": " + TASK_INPUT + " must be \"single\" or \"pair\", got " + input);
        }
        Integer start = integer(tokens, TaskFormat.START, file);
        Integer delimiter = integer(tokens, TaskFormat.DELIMITER, file);
        Integer classify = integer(tokens, TaskFormat.CLASSIFY, file);
        if (start == null || delimiter == null || classify == null) {
            throw new CheckpointException(
                    file
                            + ": "
                            + TASK_TOKENS
                            + " must give the ids of _start_, _delimiter_ and _classify_");
        }
        return new TaskFormat(start, delimiter, classify, input.equals("pair"));
    }

    private static Integer integer(JsonNode root, String key, Path file) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new CheckpointException(file + ": " + key + " must be an integer, got " + node);
        }
        return node.asInt();
    }

    private static List<String> labels(JsonNode root, Path file) {
        JsonNode id2label = root.get("id2label");
        if (id2label != null && id2label.isObject() && id2label.size() > 0) {
            TreeMap<Integer, String> byId = new TreeMap<>();
            id2label.fields()
                    .forEachRemaining(
                            e -> {
                                try {
                                    byId.put(Integer.parseInt(e.getKey()), e.getValue().asText());
                                } catch (NumberFormatException ex) {
                                    throw new CheckpointException(
                                            file
                                                    + ": id2label key \""
                                                    + e.getKey()
                                                    + "\" is not an id");
                                }
                            });
            if (byId.firstKey() != 0 || byId.lastKey() != byId.size() - 1) {
                throw new CheckpointException(
                        file
                                + ": id2label ids must be 0.."
                                + (byId.size() - 1)
                                + ", got "
                                + byId.keySet());
            }
            return List.copyOf(byId.values());
        }
        Integer numLabels = integer(root, "num_labels", file);
        if (numLabels != null) {
            return defaultLabels(numLabels);
        }
        return null;
    }

    /** Hugging Face's names for unnamed classes: {@code LABEL_0}, {@code LABEL_1}, ... */
    static List<String> defaultLabels(int count) {
        List<String> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            labels.add("LABEL_" + i);
        }
        return labels;
    }
}
