package dev.gpt1spark.inference;

/**
 * Reports each finished micro-batch to whoever runs the model on this thread, so a Spark task can
 * publish its progress while it works through a group of documents (one task per thread). A
 * thread-local keeps the task API as it is: documents in, results out.
 */
public final class BatchMeter {
    /** Told of every micro-batch the model finishes on its thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param sequences rows of the micro-batch (documents, or windows of long documents)
         * @param tokens real (unpadded) tokens it computed
         */
        void batchDone(int sequences, long tokens);
    }

    private static final ThreadLocal<Listener> LISTENER = new ThreadLocal<>();

    private BatchMeter() {}

    /** Listens on this thread until {@link #clear()}. */
    public static void listen(Listener listener) {
        LISTENER.set(listener);
    }

    public static void clear() {
        LISTENER.remove();
    }

    static void batchDone(int sequences, long tokens) {
        Listener listener = LISTENER.get();
        if (listener != null) {
            listener.batchDone(sequences, tokens);
        }
    }
}
