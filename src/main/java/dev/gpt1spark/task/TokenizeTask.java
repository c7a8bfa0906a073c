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
        return SetAside.process(
                documents,
                d -> d.text() == null ? ModelTask.NULL_TEXT : null,
                FIELDS.size(),
                withText -> {
                    List<Encoding> encodings =
                            tokenizer.encodeBatch(withText.stream().map(Document::text).toList());
                    List<TaskResult> results = new ArrayList<>(encodings.size());
                    for (Encoding e : encodings) {
                        long[] ids = e.ids();
                        results.add(
                                TaskResult.ok(
                                        ids.length, ModelTask.toInts(ids), e.tokens(), ids.length));
                    }
                    return results;
                });
    }

    @Override
    public void close() {}
}
