package dev.gpt1spark.spark;

import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;

import dev.gpt1spark.task.TaskSpec;
import org.apache.spark.sql.Column;

/**
 * Several samples per input row (generate's num-return-sequences): each row is repeated N times
 * with its {@code sample_index} before it reaches the partition runner, so that everything after
 * (batches, the task, one output row per row it is handed) stays as it is. The copies share the
 * row's id, hence its chunk: a chunk holds all of a row's samples or none.
 */
final class SampleRows {
    private SampleRows() {}

    /** The sample_index column: 0 for one sample, else one copy of the row per sample. */
    static Column index(TaskSpec spec) {
        int n = spec.samplesPerRow();
        return n == 1 ? lit(0) : explode(sequence(lit(0), lit(n - 1)));
    }
}
