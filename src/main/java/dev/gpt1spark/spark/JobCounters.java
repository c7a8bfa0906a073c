package dev.gpt1spark.spark;

import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/**
 * Rows, errors and tokens counted by the tasks, for the progress line and the run summary. The
 * driver's accumulators hold finished tasks only; {@link RunningTasks} adds what running tasks have
 * reported with their executors' heartbeats.
 */
public final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;

    final LongAccumulator rows;
    final LongAccumulator errors;
    final LongAccumulator tokens;

    /** Work of the group a task is in the middle of; back to zero when the group is done. */
    final LongAccumulator runningDocuments;

    final LongAccumulator runningTokens;
    private final transient RunningTasks running;
    private final transient SparkContext sc;

    public JobCounters(SparkSession spark) {
        this.sc = spark.sparkContext();
        this.rows = sc.longAccumulator("gpt1 rows");
        this.errors = sc.longAccumulator("gpt1 rows with error");
        this.tokens = sc.longAccumulator("gpt1 tokens");
        this.runningDocuments = sc.longAccumulator("gpt1 documents of unfinished groups");
        this.runningTokens = sc.longAccumulator("gpt1 tokens of unfinished groups");
        this.running =
                new RunningTasks(rows.id(), tokens.id(), runningDocuments.id(), runningTokens.id());
    }

    /** Rows of finished tasks. */
    public long rows() {
        return rows.value();
    }

    public long errors() {
        return errors.value();
    }

    /** Tokens of finished tasks. */
    public long tokens() {
        return tokens.value();
    }

    /** Documents done: finished tasks, and what running tasks reported last. */
    long documentsSoFar() {
        return rows.value() + running.documents();
    }

    /** Tokens done: finished tasks, and what running tasks reported last. */
    long tokensSoFar() {
        return tokens.value() + running.tokens();
    }

    /** Counts running tasks' reports until {@link #stopWatching()}. */
    void watch() {
        sc.addSparkListener(running);
    }

    void stopWatching() {
        sc.removeSparkListener(running);
    }
}
