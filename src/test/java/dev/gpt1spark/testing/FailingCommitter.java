package dev.gpt1spark.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.parquet.hadoop.ParquetOutputCommitter;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;

/**
 * Fault injection for tests, outside the production code: a Parquet output committer whose first
 * attempt of one chunk fails after writing its rows and before asking the driver to commit them.
 * Spark must then retry the chunk (or, with retries off, fail the job) without a row lost or
 * written twice.
 *
 * <p>A job picks it up through Spark's own setting {@value #COMMITTER_SETTING}; the chunk is the
 * Hadoop setting {@value #CHUNK} (write partition = chunk in a gpt1 job).
 */
public final class FailingCommitter extends ParquetOutputCommitter {
    public static final String COMMITTER_SETTING = "spark.sql.parquet.output.committer.class";
    public static final String CHUNK = "gpt1.test.failChunk";

    public FailingCommitter(org.apache.hadoop.fs.Path output, TaskAttemptContext context)
            throws IOException {
        super(output, context);
    }

    /** The message of the injected failure, which tests look for in logs and stack traces. */
    public static String message(int chunk) {
        return "injected failure of partition " + chunk;
    }

    // Spark calls this before it asks the driver for permission to commit: failing here leaves the
    // attempt's file uncommitted (a failure after permission would fail the whole stage).
    @Override
    public boolean needsTaskCommit(TaskAttemptContext context) throws IOException {
        // Spark numbers Hadoop task attempts by its unique task id, so the attempt comes from
        // Spark.
        TaskContext task = TaskContext.get();
        int chunk = context.getConfiguration().getInt(CHUNK, -1);
        if (task.partitionId() == chunk && task.attemptNumber() == 0) {
            throw new IOException(message(chunk) + " (first attempt, rows written, not committed)");
        }
        return super.needsTaskCommit(context);
    }

    /**
     * Turns the fault on for the session's next writes (runtime settings reach the writers' Hadoop
     * configuration); closing it turns it off.
     */
    public static AutoCloseable on(SparkSession spark, int chunk) {
        spark.conf().set(COMMITTER_SETTING, FailingCommitter.class.getName());
        spark.conf().set(CHUNK, chunk);
        return () -> {
            spark.conf().unset(COMMITTER_SETTING);
            spark.conf().unset(CHUNK);
        };
    }

    /**
     * The {@code --conf} values for a job launched in another JVM; {@code jar} (see {@link #jar})
     * puts this class on the driver's and executors' class path.
     */
    public static String[] sparkConf(int chunk, Path jar) {
        return new String[] {
            "--conf", COMMITTER_SETTING + "=" + FailingCommitter.class.getName(),
            "--conf", "spark.hadoop." + CHUNK + "=" + chunk,
            "--conf", "spark.jars=" + jar.toUri()
        };
    }

    /** A jar holding only this class, for clusters whose class path has no test classes. */
    public static Path jar(Path folder) {
        return ClassJar.write(FailingCommitter.class, folder.resolve("failing-committer.jar"));
    }
}
