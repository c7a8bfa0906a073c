package dev.gpt1spark.task;

import dev.gpt1spark.inference.Classification;
import dev.gpt1spark.inference.Classifier;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.tokenizer.Encoding;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code classify}: the winning label, its id and probability ({@code score}), and every class's
 * probability, in label-id order and by label name.
 */
public final class ClassifyTask extends ModelTask {
    public static final List<OutputField> FIELDS =
            List.of(
                    new OutputField("label", FieldType.STRING),
                    new OutputField("label_id", FieldType.INT),
                    new OutputField("score", FieldType.FLOAT),
                    new OutputField("probabilities", FieldType.FLOAT_ARRAY),
                    new OutputField("label_probabilities", FieldType.FLOAT_MAP));

    static final String NO_TEXT2 =
            "text2 is null (the checkpoint was fine-tuned on pairs: give text2 too)";

    private final Classifier classifier;
    private final Gpt1Tokenizer tokenizer;
    private final boolean pairs;
    private final List<String> labels;

    public ClassifyTask(Gpt1Model model, int batchTokens) {
        super(model.tokenizer());
        this.classifier = new Classifier(model, batchTokens);
        this.tokenizer = model.tokenizer();
        this.labels = model.config().labels();
        this.pairs = model.config().readsPairs();
    }

    @Override
    public List<OutputField> fields() {
        return FIELDS;
    }

    @Override
    List<TaskResult> run(List<Document> documents, List<long[]> ids) {
        if (pairs) {
            return runPairs(documents, ids);
        }
        List<TaskResult> out = new ArrayList<>(ids.size());
        List<Classification> classes = classifier.classify(ids);
        for (int i = 0; i < classes.size(); i++) {
            out.add(ok(ids.get(i).length, classes.get(i)));
        }
        return out;
    }

    /** Pairs: rows without a second text fail; the rest are classified together. */
    private List<TaskResult> runPairs(List<Document> documents, List<long[]> ids) {
        List<Tokenized> firsts = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            firsts.add(new Tokenized(documents.get(i), ids.get(i)));
        }
        return SetAside.process(
                firsts,
                f -> f.document().text2() == null ? NO_TEXT2 : null,
                FIELDS.size(),
                withText2 -> {
                    List<long[]> first = withText2.stream().map(Tokenized::ids).toList();
                    List<long[]> second =
                            tokenizer
                                    .encodeBatch(
                                            withText2.stream()
                                                    .map(p -> p.document().text2())
                                                    .toList())
                                    .stream()
                                    .map(Encoding::ids)
                                    .toList();
                    List<Classification> classes = classifier.classify(first, second);
                    List<TaskResult> out = new ArrayList<>(withText2.size());
                    for (int k = 0; k < withText2.size(); k++) {
                        out.add(ok(first.get(k).length + second.get(k).length, classes.get(k)));
                    }
                    return out;
                });
    }

    private TaskResult ok(int tokens, Classification c) {
        float[] p = c.probabilities();
        Map<String, Float> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < p.length; i++) {
            byLabel.put(labels.get(i), p[i]);
        }
        return TaskResult.ok(tokens, c.label(), c.labelId(), p[c.labelId()], p, byLabel);
    }

    @Override
    public void close() {
        classifier.close();
    }
}
