package dev.gpt1spark.task;

import dev.gpt1spark.inference.EmbedOptions;
import dev.gpt1spark.model.Gpt1Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code embed} with its options. */
public record EmbedSpec(EmbedOptions options) implements TaskSpec {
    @Override
    public String command() {
        return "embed";
    }

    @Override
    public List<OutputField> fields() {
        return EmbedTask.FIELDS;
    }

    @Override
    public DocumentTask create(Gpt1Model model) {
        return new EmbedTask(model, options);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("pooling", options.pooling().label());
        s.put("normalize", options.normalize());
        s.put("long_input", options.longInput().name().toLowerCase(java.util.Locale.ROOT));
        s.put("window_stride", options.windowStride());
        s.put("batch_tokens", options.batchTokens());
        return s;
    }
}
