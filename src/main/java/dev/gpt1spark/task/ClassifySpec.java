package dev.gpt1spark.task;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.Classifier;
import dev.gpt1spark.model.Gpt1Model;
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
    public void checkText2(ModelConfig config, String text2Col) {
        if (config.readsPairs() && text2Col == null) {
            throw new IllegalArgumentException(
                    "the checkpoint was fine-tuned on text pairs (task_input \"pair\"): set"
                            + " --text2-col to the column with each row's second text");
        }
        if (!config.readsPairs() && text2Col != null) {
            throw new IllegalArgumentException(
                    "--text2-col needs a checkpoint fine-tuned on text pairs (task_input"
                            + " \"pair\"); this one classifies single texts: leave --text2-col out");
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
