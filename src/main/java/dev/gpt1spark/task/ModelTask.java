package dev.gpt1spark.task;

import dev.gpt1spark.tokenizer.Encoding;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes documents, sets aside rows without text or tokens as errors, and hands the rest to the
 * model in one call (which packs them into micro-batches itself).
 */
abstract class ModelTask implements DocumentTask {
    static final String NULL_TEXT = "text is null";
    static final String NO_TOKENS = "empty after tokenization";

    private final Gpt1Tokenizer tokenizer;

    ModelTask(Gpt1Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** A document with its token ids. */
    record Tokenized(Document document, long[] ids) {}

    @Override
    public final List<TaskResult> process(List<Document> documents) {
        int fields = fields().size();
        return SetAside.process(
                documents,
                d -> d.text() == null ? NULL_TEXT : null,
                fields,
                withText -> {
                    List<Tokenized> tokenized = tokenize(withText);
                    return SetAside.process(
                            tokenized,
                            t -> t.ids().length == 0 ? NO_TOKENS : null,
                            fields,
                            kept ->
                                    run(
                                            kept.stream().map(Tokenized::document).toList(),
                                            kept.stream().map(Tokenized::ids).toList()));
                });
    }

    private List<Tokenized> tokenize(List<Document> documents) {
        List<Encoding> encodings =
                tokenizer.encodeBatch(documents.stream().map(Document::text).toList());
        List<Tokenized> out = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            out.add(new Tokenized(documents.get(i), encodings.get(i).ids()));
        }
        return out;
    }

    /** Runs the model on documents that have at least one token. */
    abstract List<TaskResult> run(List<Document> documents, List<long[]> ids);

    static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }
}
