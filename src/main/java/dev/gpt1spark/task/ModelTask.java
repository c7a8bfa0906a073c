package dev.gpt1spark.task;

import dev.gpt1spark.tokenizer.Encoding;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokenizes documents, turns rows without text or tokens into errors, and hands the rest to the
 * model in one call (which packs them into micro-batches itself).
 */
abstract class ModelTask implements DocumentTask {
    static final String NULL_TEXT = "text is null";
    static final String NO_TOKENS = "empty after tokenization";

    private final Gpt1Tokenizer tokenizer;

    ModelTask(Gpt1Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    public final List<TaskResult> process(List<Document> documents) {
        TaskResult[] results = new TaskResult[documents.size()];
        List<Integer> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            String text = documents.get(i).text();
            if (text == null) {
                results[i] = TaskResult.failed(fields().size(), NULL_TEXT);
            } else {
                rows.add(i);
                texts.add(text);
            }
        }
        List<Encoding> encodings = tokenizer.encodeBatch(texts);
        List<Document> kept = new ArrayList<>();
        List<long[]> ids = new ArrayList<>();
        List<Integer> keptRows = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            long[] tokens = encodings.get(k).ids();
            if (tokens.length == 0) {
                results[rows.get(k)] = TaskResult.failed(fields().size(), NO_TOKENS);
            } else {
                kept.add(documents.get(rows.get(k)));
                ids.add(tokens);
                keptRows.add(rows.get(k));
            }
        }
        if (!kept.isEmpty()) {
            List<TaskResult> computed = run(kept, ids);
            for (int k = 0; k < keptRows.size(); k++) {
                results[keptRows.get(k)] = computed.get(k);
            }
        }
        return List.of(results);
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
