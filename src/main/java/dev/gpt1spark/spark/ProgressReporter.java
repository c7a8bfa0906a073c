package dev.gpt1spark.spark;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a progress line while a job runs: documents done, tokens, tokens/s and an ETA. Its counts
 * are those of finished tasks plus what running tasks reported with their last heartbeat (tasks
 * update them after every micro-batch), so the line moves while tasks of minutes run. Also samples
 * finished tasks' counts for the summary's throughput over the run.
 */
final class ProgressReporter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProgressReporter.class);

    private final ScheduledExecutorService timer;
    private final JobCounters counters;
    private final long total;
    private final String command;
    private final long start = System.nanoTime();
    private final ThroughputSamples samples = new ThroughputSamples();

    /** Seconds between throughput samples, whatever the progress interval. */
    static final int SAMPLE_SECONDS = 5;

    ProgressReporter(String command, JobCounters counters, long total, int seconds) {
        this.command = command;
        this.counters = counters;
        this.total = total;
        counters.watch();
        this.timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "gpt1-progress");
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleAtFixedRate(this::sample, 0, SAMPLE_SECONDS, TimeUnit.SECONDS);
        if (seconds > 0) {
            timer.scheduleAtFixedRate(this::report, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    private void report() {
        long documents = Math.min(total, counters.documentsSoFar());
        LOG.info(line(documents, counters.tokensSoFar(), elapsed()));
    }

    private void sample() {
        samples.add(elapsed(), counters.rows(), counters.tokens());
    }

    /** Documents and tokens done over the run so far, ending now. */
    List<Map<String, Object>> throughput() {
        return samples.toList(elapsed(), counters.rows(), counters.tokens());
    }

    private double elapsed() {
        return (System.nanoTime() - start) / 1e9;
    }

    String line(long rows, long tokens, double seconds) {
        double rate = rows / Math.max(seconds, 1e-9);
        String eta = rate > 0 && total > rows ? duration((total - rows) / rate) : "-";
        return String.format(
                "[gpt1 %s] %,d/%,d documents (%.1f%%), %,d tokens, %,.0f tokens/s, elapsed %s, ETA %s",
                command,
                rows,
                total,
                total == 0 ? 100.0 : 100.0 * rows / total,
                tokens,
                tokens / Math.max(seconds, 1e-9),
                duration(seconds),
                eta);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : String.format("%dm%02ds", s / 60, s % 60);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        counters.stopWatching();
    }
}
