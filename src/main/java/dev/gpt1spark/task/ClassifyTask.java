package dev.gpt1spark.task;

import dev.gpt1spark.inference.Classification;
import dev.gpt1spark.inference.Classifier;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;

/** {@code classify}: label, label id and class probabilities per document. */
public final class ClassifyTask extends ModelTask {
    public static final List<OutputField> FIELDS =
            List.of(
                    new OutputField("label", FieldType.STRING),
                    new OutputField("label_id", FieldType.INT),
                    new OutputField("probabilities", FieldType.FLOAT_ARRAY));

    private final Classifier classifier;

    public ClassifyTask(Gpt1Model model, int batchTokens) {
        super(model.tokenizer());
        this.classifier = new Classifier(model, batchTokens);
    }

    @Override
    public List<OutputField> fields() {
        return FIELDS;
    }

    @Override
    List<TaskResult> run(List<Document> documents, List<long[]> ids) {
        List<TaskResult> out = new ArrayList<>(ids.size());
        List<Classification> classes = classifier.classify(ids);
        for (int i = 0; i < classes.size(); i++) {
            Classification c = classes.get(i);
            out.add(TaskResult.ok(ids.get(i).length, c.label(), c.labelId(), c.probabilities()));
        }
        return out;
    }

    @Override
    public void close() {
        classifier.close();
    }
}
