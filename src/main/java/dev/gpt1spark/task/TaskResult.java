package dev.gpt1spark.task;

import java.util.Arrays;

/**
 * One document's output: values in the order of {@link DocumentTask#fields()}, and an error.
 *
 * @param values field values (boxed; arrays as int[], float[] or String[]); all null on error
 * @param error null when the document succeeded, else a short reason
 * @param tokens tokens the model processed for this document (for throughput figures)
 */
public record TaskResult(Object[] values, String error, long tokens) {

    static TaskResult ok(long tokens, Object... values) {
        return new TaskResult(values, null, tokens);
    }

    /** A document that failed: every field null. */
    public static TaskResult failed(int fieldCount, String error) {
        return new TaskResult(new Object[fieldCount], error, 0);
    }

    @Override
    public String toString() {
        return "TaskResult"
                + Arrays.deepToString(values)
                + (error == null ? "" : " error=" + error);
    }
}
