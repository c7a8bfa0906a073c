package dev.gpt1spark.task;

import java.util.List;

/**
 * A per-document command. A bad document never throws: it gets a {@link TaskResult} with an error,
 * so every input row yields exactly one output row. One instance per thread.
 */
public interface DocumentTask extends AutoCloseable {

    /** The command's output fields, without the id and error columns every output has. */
    List<OutputField> fields();

    /** One result per document, in input order. */
    List<TaskResult> process(List<Document> documents);

    @Override
    void close();
}
