package dev.gpt1spark.task;

import dev.gpt1spark.model.Gpt1Model;
import java.util.List;
import java.util.Map;

/** {@code tokenize}: the checkpoint's tokenizer, or the bundled GPT-1 one without a checkpoint. */
public record TokenizeSpec() implements TaskSpec {
    @Override
    public String command() {
        return "tokenize";
    }

    @Override
    public List<OutputField> fields() {
        return TokenizeTask.FIELDS;
    }

    @Override
    public boolean needsModel() {
        return false;
    }

    @Override
    public DocumentTask create(Gpt1Model model) {
        return new TokenizeTask(model != null ? model.tokenizer() : BundledTokenizer.shared());
    }

    @Override
    public Map<String, Object> settings() {
        return Map.of();
    }
}
