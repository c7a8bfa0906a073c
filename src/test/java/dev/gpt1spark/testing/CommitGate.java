package dev.gpt1spark.testing;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.parquet.hadoop.ParquetOutputCommitter;
import org.apache.spark.TaskContext;

/**
 * Fault injection for tests, outside the production code: a Parquet output committer that holds
 * every chunk from {@value #FROM_CHUNK} on after it wrote its rows and before it asks to commit,
 * until the test creates the release file. A test that kills, interrupts or races a job then has it
 * midway for as long as it needs, however fast the CPU: the chunks below the gate are committed,
 * the held ones are written and not committed, the rest not started.
 *
 * <p>A held task creates {@code RELEASE.held} so the test knows the gate is reached. A cancelled
 * task stops holding and fails; a gate never released fails its task after {@link
 * #LONGEST_HOLD_MINUTES}, so a broken test does not hang the build. Not for Ctrl-C: a local job
 * interrupted while a task is held did not end (FaultEndingsIT keeps a running job).
 */
public final class CommitGate extends ParquetOutputCommitter {
    private static final String COMMITTER_SETTING = FailingCommitter.COMMITTER_SETTING;
    public static final String FROM_CHUNK = "gpt1.test.holdFromChunk";
    public static final String RELEASE_FILE = "gpt1.test.releaseFile";
    static final long LONGEST_HOLD_MINUTES = 10;

    public CommitGate(org.apache.hadoop.fs.Path output, TaskAttemptContext context)
            throws IOException {
        super(output, context);
    }

    @Override
    public boolean needsTaskCommit(TaskAttemptContext context) throws IOException {
        TaskContext task = TaskContext.get();
        int from = context.getConfiguration().getInt(FROM_CHUNK, Integer.MAX_VALUE);
        if (task != null && task.partitionId() >= from) {
            hold(task, Path.of(context.getConfiguration().get(RELEASE_FILE)));
        }
        return super.needsTaskCommit(context);
    }

    private static void hold(TaskContext task, Path release) throws IOException {
        Path held = release.resolveSibling(release.getFileName() + ".held");
        if (!Files.exists(held)) {
            try {
                Files.createFile(held);
            } catch (java.nio.file.FileAlreadyExistsException another) {
                // another held task made it first
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(LONGEST_HOLD_MINUTES);
        while (!Files.exists(release)) {
            if (task.isInterrupted() || Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("chunk " + task.partitionId() + " cancelled");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException(
                        "chunk " + task.partitionId() + " held, and no " + release + " came");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("chunk " + task.partitionId() + " cancelled");
            }
        }
    }

    /** Whether a task is held at the gate of {@code release}. */
    public static boolean reached(Path release) {
        return Files.exists(release.resolveSibling(release.getFileName() + ".held"));
    }

    /** Lets every held chunk, and every later one, commit. */
    public static void open(Path release) {
        try {
            Files.createFile(release);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code --conf} values for a job in another JVM: chunks {@code fromChunk} and later hold
     * until {@code release} exists. {@code jar} (see {@link #jar}) carries this class to the driver
     * and the executors.
     */
    public static String[] sparkConf(int fromChunk, Path release, Path jar) {
        return new String[] {
            "--conf", COMMITTER_SETTING + "=" + CommitGate.class.getName(),
            "--conf", "spark.hadoop." + FROM_CHUNK + "=" + fromChunk,
            "--conf", "spark.hadoop." + RELEASE_FILE + "=" + release.toAbsolutePath(),
            "--conf", "spark.jars=" + jar.toUri()
        };
    }

    /** A jar holding only this class, for JVMs whose class path has no test classes. */
    public static Path jar(Path folder) {
        return ClassJar.write(CommitGate.class, folder.resolve("commit-gate.jar"));
    }
}
