package dev.gpt1spark.task;

import dev.gpt1spark.model.Gpt1Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code score} with its options. */
public record ScoreSpec(int windowStride, int batchTokens) implements TaskSpec {
    @Override
    public String command() {
        return "score";
    }

    @Override
    public List<OutputField> fields() {
        return ScoreTask.FIELDS;
    }

    @Override
    public DocumentTask create(Gpt1Model model) {
        return new ScoreTask(model, windowStride, batchTokens);
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("window_stride", windowStride);
        s.put("batch_tokens", batchTokens);
        return s;
    }
}
