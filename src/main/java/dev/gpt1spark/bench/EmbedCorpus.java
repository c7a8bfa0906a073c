package dev.gpt1spark.bench;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.task.Document;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskResult;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Embeds texts in-process exactly as one Spark task does: the embed job's own task, fed {@code
 * batchDocs} documents at a time (tokenizing, length-sorting and packing included).
 */
final class EmbedCorpus {
    /** Documents handed to the task together, the jobs' default {@code --batch-docs}. */
    static final int BATCH_DOCS = TaskSettings.BATCH_DOCS.defaultValue();

    private EmbedCorpus() {}

    /**
     * Embeds {@code texts[from, to)}.
     *
     * @param afterEachBatch called after every batch (e.g. to read memory), may be null
     * @return tokens the model processed
     */
    static long run(
            Gpt1Model model, List<String> texts, int from, int to, Runnable afterEachBatch) {
        long tokens = 0;
        try (DocumentTask task = TaskSpec.of(TaskKind.EMBED).create(model)) {
            for (int start = from; start < to; start += BATCH_DOCS) {
                List<Document> batch = new ArrayList<>(BATCH_DOCS);
                for (int i = start; i < Math.min(to, start + BATCH_DOCS); i++) {
                    batch.add(new Document("doc-" + i, texts.get(i)));
                }
                for (TaskResult r : task.process(batch)) {
                    if (r.error() != null) {
                        throw new IllegalStateException("bench document failed: " + r.error());
                    }
                    tokens += r.tokens();
                }
                if (afterEachBatch != null) {
                    afterEachBatch.run();
                }
            }
        }
        return tokens;
    }
}
