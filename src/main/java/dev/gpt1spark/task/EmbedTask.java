package dev.gpt1spark.task;

import dev.gpt1spark.inference.EmbedOptions;
import dev.gpt1spark.inference.Embedder;
import dev.gpt1spark.inference.EmbeddingResult;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;

/** {@code embed}: one pooled vector per document. */
public final class EmbedTask extends ModelTask {
    public static final List<OutputField> FIELDS =
            List.of(
                    new OutputField("embedding", FieldType.FLOAT_ARRAY),
                    new OutputField("n_tokens", FieldType.INT),
                    new OutputField("truncated", FieldType.BOOLEAN),
                    new OutputField("n_windows", FieldType.INT));

    private final Embedder embedder;
    private final int nPositions;

    public EmbedTask(Gpt1Model model, EmbedOptions options) {
        super(model.tokenizer());
        this.nPositions = model.config().nPositions();
        this.embedder = new Embedder(model, options);
    }

    @Override
    public List<OutputField> fields() {
        return FIELDS;
    }

    @Override
    List<TaskResult> run(List<Document> documents, List<long[]> ids) {
        List<TaskResult> out = new ArrayList<>(ids.size());
        for (EmbeddingResult r : embedder.embed(ids)) {
            out.add(
                    TaskResult.ok(
                            r.truncated() ? nPositions : r.nTokens(),
                            r.embedding(),
                            r.nTokens(),
                            r.truncated(),
                            r.nWindows()));
        }
        return out;
    }

    @Override
    public void close() {
        embedder.close();
    }
}
