package dev.gpt1spark.spark;

import dev.gpt1spark.task.OutputField;
import dev.gpt1spark.task.TaskKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Names of the columns the jobs write, which a kept input column may not take. */
public final class OutputColumns {
    /** The document id: the input's id column cast to string, or a generated one. */
    public static final String ID = "id";

    /** generate's sample number, 0 to num-return-sequences − 1 (int). */
    public static final String SAMPLE_INDEX = "sample_index";

    /** Null when the row succeeded, else a short reason. */
    public static final String ERROR = "error";

    /** The columns every job writes, whatever its command. */
    public static final List<String> EVERY_JOB = List.of(ID, ERROR);

    private OutputColumns() {}

    /**
     * Every column a job of this kind writes besides the kept input columns, in output order: the
     * id, generate's sample index, the task's declared fields, the error.
     */
    public static List<String> of(TaskKind kind) {
        List<String> out = new ArrayList<>();
        out.add(ID);
        if (kind.indexesSamples()) {
            out.add(SAMPLE_INDEX);
        }
        kind.fields().stream().map(OutputField::name).forEach(out::add);
        out.add(ERROR);
        return List.copyOf(out);
    }

    /**
     * Refuses a kept input column that would clash with a written one; case-insensitive, like
     * Spark's default column resolution and Parquet readers.
     *
     * @param written the names the job writes ({@link #of} or {@link #EVERY_JOB})
     */
    public static void checkKept(List<String> written, List<String> keepCols) {
        for (String name : keepCols) {
            if (written.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "Cannot keep column \""
                                + name
                                + "\": the jobs write a column of that name");
            }
        }
    }
}
