package dev.gpt1spark.task;

import dev.gpt1spark.tokenizer.Encoding;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.ArrayList;
import java.util.List;

/** {@code tokenize}: ids and token strings; an empty text is valid and has no tokens. */
public final class TokenizeTask implements DocumentTask {
    public static final List<OutputField> FIELDS =
            List.of(
                    new OutputField("ids", FieldType.INT_ARRAY),
                    new OutputField("tokens", FieldType.STRING_ARRAY),
                    new OutputField("n_tokens", FieldType.INT));

    private final Gpt1Tokenizer tokenizer;

    public TokenizeTask(Gpt1Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public List<OutputField> fields() {
        return FIELDS;
    }

    @Override
    public List<TaskResult> process(List<Document> documents) {
        List<String> texts = new ArrayList<>();
        for (Document d : documents) {
            if (d.text() != null) {
                texts.add(d.text());
            }
        }
        List<Encoding> encodings = tokenizer.encodeBatch(texts);
        List<TaskResult> results = new ArrayList<>(documents.size());
        int next = 0;
        for (Document d : documents) {
            if (d.text() == null) {
                results.add(TaskResult.failed(FIELDS.size(), ModelTask.NULL_TEXT));
                continue;
            }
            Encoding e = encodings.get(next++);
            results.add(
                    TaskResult.ok(
                            e.ids().length, ModelTask.toInts(e.ids()), e.tokens(), e.ids().length));
        }
        return results;
    }

    @Override
    public void close() {}
}
