package dev.gpt1spark.task;

import java.util.Arrays;

/**
 * One document's output: values in the order of {@link DocumentTask#fields()}, and an error.
 *
 * @param values field values (boxed; arrays as int[], float[] or String[]); all null on error
 * @param error null when the document succeeded, else a short reason
 */
public record TaskResult(Object[] values, String error) {

    static TaskResult ok(Object... values) {
        return new TaskResult(values, null);
    }

    static TaskResult failed(int fieldCount, String error) {
        return new TaskResult(new Object[fieldCount], error);
    }

    @Override
    public String toString() {
        return "TaskResult"
                + Arrays.deepToString(values)
                + (error == null ? "" : " error=" + error);
    }
}
