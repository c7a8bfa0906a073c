package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.Spelling;
import java.util.LinkedHashMap;
import java.util.Map;

/** The facts {@code info} prints about a checkpoint, as one JSON object. */
final class CheckpointSummary {
    private CheckpointSummary() {}

    static Map<String, Object> of(Checkpoint checkpoint) {
        ModelConfig c = checkpoint.config();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("format", checkpoint.format().name().toLowerCase(java.util.Locale.ROOT));
        info.put("n_layer", c.nLayer());
        info.put("n_head", c.nHead());
        info.put("n_embd", c.nEmbd());
        info.put("n_positions", c.nPositions());
        info.put("vocab_size", c.vocabSize());
        info.put("afn", c.activation().configName());
        info.put("layer_norm_epsilon", c.layerNormEpsilon());
        info.put("parameters", checkpoint.parameterCount());
        info.put("labels", c.labels());
        info.put(
                "tokenizer",
                checkpoint.tokenizerFiles().map(t -> t.vocab().toString()).orElse("bundled GPT-1"));
        info.put("fingerprint", checkpoint.fingerprint());
        info.put("notes", checkpoint.notes(Spelling.FLAG));
        return info;
    }
}
