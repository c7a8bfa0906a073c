package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingStateException;
import dev.gpt1spark.settings.SettingText;
import java.util.Locale;

/**
 * Turns the two ways a job is ended from outside into one line that says so: the JVM shutting down
 * (Ctrl-C, SIGTERM), which Spark reports as an internal error of a stopped context, and a full
 * disk, which it reports as a failed task write with the cause deep in the chain. Both leave the
 * committed chunks in place, so both lines say how to finish the run.
 */
public final class JobFailure {
    private static final String[] NO_SPACE = {"no space left on device", "disk quota exceeded"};

    private JobFailure() {}

    /** A job that stopped because its JVM began to shut down (SIGINT, SIGTERM). */
    public static final class Interrupted extends RuntimeException implements SettingText.Carrier {
        private static final long serialVersionUID = 1L;
        private final SettingText text;

        Interrupted(SettingText text, Throwable cause) {
            super(text.toString(), cause);
            this.text = text;
        }

        @Override
        public SettingText text() {
            return text;
        }
    }

    /** Whether this JVM has begun to shut down: it then refuses new shutdown hooks. */
    public static boolean shuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /**
     * {@code e} as one line a user can act on when the JVM is shutting down or a disk is full;
     * otherwise null. Spark's failures are checked exceptions, so this takes any.
     *
     * @param output the job's output folder, named in the message
     */
    static RuntimeException explain(Exception e, String output) {
        if (e instanceof Interrupted interrupted) {
            return interrupted;
        }
        if (shuttingDown()) {
            return new Interrupted(
                    new SettingText(
                            "interrupted before the job finished; the chunks committed to "
                                    + output
                                    + " are kept: run the same command with ",
                            JobSettings.MODE,
                            " resume to finish it"),
                    e);
        }
        String space = noSpace(e);
        if (space == null) {
            return null;
        }
        boolean writing = chainMentions(e, "TASK_WRITE_FAILED");
        return new SettingStateException(
                e,
                "no space left on the device of the output "
                        + output
                        + (writing ? "" : " or of Spark's local folder (spark.local.dir)")
                        + " ("
                        + space
                        + "); the chunks committed so far are kept: free space, then run"
                        + " the same command with ",
                JobSettings.MODE,
                " resume");
    }

    /** The first message in {@code e}'s chain that says a disk is full, or null. */
    static String noSpace(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m == null) {
                continue;
            }
            String lower = m.toLowerCase(Locale.ROOT);
            for (String phrase : NO_SPACE) {
                int at = lower.indexOf(phrase);
                if (at >= 0) {
                    // Spark's messages carry whole stack traces; keep only the line that says it.
                    int start = m.lastIndexOf('\n', at) + 1;
                    int end = m.indexOf('\n', at);
                    return m.substring(start, end < 0 ? m.length() : end).strip();
                }
            }
        }
        return null;
    }

    private static boolean chainMentions(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }
}
