package dev.gpt1spark.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the JVM's shutdown (Ctrl-C, SIGTERM) until the job has said how it ended: the JVM halts
 * when its shutdown hooks finish, which without this hook can come before the main thread, woken by
 * Spark's own hook stopping the context, prints its line.
 */
final class LastWords implements AutoCloseable {
    /** Longest wait for the line; a job busy outside Spark may not notice the stop sooner. */
    private static final long WAIT_SECONDS = 30;

    private final CountDownLatch said = new CountDownLatch(1);
    private final Thread hook = new Thread(this::await, "gpt1-last-words");

    private LastWords() {}

    /** Starts holding shutdowns until {@link #close}. */
    static LastWords hold() {
        LastWords words = new LastWords();
        Runtime.getRuntime().addShutdownHook(words.hook);
        return words;
    }

    private void await() {
        try {
            said.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The job's last line is out: a shutdown may go on. */
    @Override
    public void close() {
        said.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running and now returns
        }
    }
}
