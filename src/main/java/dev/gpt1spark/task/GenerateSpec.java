package dev.gpt1spark.task;

import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.model.Gpt1Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code generate} with its options. */
public record GenerateSpec(GenerationOptions options) implements TaskSpec {
    @Override
    public String command() {
        return "generate";
    }

    @Override
    public List<OutputField> fields() {
        return GenerateTask.FIELDS;
    }

    @Override
    public DocumentTask create(Gpt1Model model) {
        return new GenerateTask(model, options);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("max_new_tokens", options.maxNewTokens());
        s.put("strategy", options.sample() ? "sample" : "greedy");
        s.put("temperature", options.temperature());
        s.put("top_k", options.topK());
        s.put("top_p", options.topP());
        s.put("seed", options.seed());
        s.put("repetition_penalty", options.repetitionPenalty());
        s.put("stop", options.stop());
        s.put("batch_tokens", options.batchTokens());
        return s;
    }
}
