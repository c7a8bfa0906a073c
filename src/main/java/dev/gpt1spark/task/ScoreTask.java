package dev.gpt1spark.task;

import dev.gpt1spark.inference.ScoreResult;
import dev.gpt1spark.inference.Scorer;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;

/** {@code score}: negative log-likelihood and perplexity per document. */
public final class ScoreTask extends ModelTask {
    public static final List<OutputField> FIELDS =
            List.of(
                    new OutputField("nll", FieldType.DOUBLE),
                    new OutputField("mean_nll", FieldType.DOUBLE),
                    new OutputField("perplexity", FieldType.DOUBLE),
                    new OutputField("n_tokens", FieldType.INT),
                    new OutputField("n_scored", FieldType.INT));

    private final Scorer scorer;

    public ScoreTask(Gpt1Model model, int windowStride, int batchTokens) {
        super(model.tokenizer());
        this.scorer = new Scorer(model, windowStride, batchTokens);
    }

    @Override
    public List<OutputField> fields() {
        return FIELDS;
    }

    @Override
    List<TaskResult> run(List<Document> documents, List<long[]> ids) {
        List<TaskResult> out = new ArrayList<>(ids.size());
        for (ScoreResult r : scorer.score(ids)) {
            out.add(
                    TaskResult.ok(
                            r.nTokens(),
                            r.nll(),
                            r.meanNll(),
                            r.perplexity(),
                            r.nTokens(),
                            r.nScored()));
        }
        return out;
    }

    @Override
    public void close() {
        scorer.close();
    }
}
