package dev.gpt1spark.task;

import dev.gpt1spark.inference.Classifier;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.ModelConfig;
import java.util.List;
import java.util.Map;

/** {@code classify} with its options. */
public record ClassifySpec(int batchTokens) implements TaskSpec {
    @Override
    public String command() {
        return "classify";
    }

    @Override
    public List<OutputField> fields() {
        return ClassifyTask.FIELDS;
    }

    @Override
    public void check(ModelConfig config) {
        if (!config.hasClassifier()) {
            throw new IllegalArgumentException(Classifier.NO_HEAD);
        }
    }

    @Override
    public DocumentTask create(Gpt1Model model) {
        return new ClassifyTask(model, batchTokens);
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of("batch_tokens", batchTokens);
    }
}
