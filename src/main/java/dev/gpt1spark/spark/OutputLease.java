package dev.gpt1spark.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.settings.SettingStateException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per output folder: a lease file, {@value #FILE}, created atomically in the folder and
 * rewritten every {@link #HEARTBEAT} while the job runs, deleted when it ends.
 *
 * <p>A second job finds the lease and is refused, naming the job that holds it. A lease is stale
 * when its heartbeat is older than {@link #STALE_AFTER}, or at once when it names a process of this
 * host that is gone (a killed driver); only {@code --mode resume} and {@code overwrite} take a
 * stale lease over. Takeovers of one stale lease are serialised by a marker file created the same
 * atomic way, so two jobs cannot both take it.
 */
final class OutputLease implements AutoCloseable {
    static final String FILE = "_gpt1_lease.json";
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final Duration STALE_AFTER = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(OutputLease.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = hostName();

    /** Who holds a lease; the file's content. */
    record Holder(
            String jobId,
            String command,
            String host,
            long pid,
            String processStart,
            String started,
            String heartbeat) {

        static Holder ofThisProcess(String command) {
            ProcessHandle self = ProcessHandle.current();
            String now = Instant.now().toString();
            return new Holder(
                    UUID.randomUUID().toString(),
                    command,
                    HOST,
                    self.pid(),
                    startOf(self),
                    now,
                    now);
        }

        Holder beating() {
            return new Holder(
                    jobId, command, host, pid, processStart, started, Instant.now().toString());
        }

        /** This host's process that took the lease has ended. */
        boolean processGone() {
            if (!HOST.equals(host)) {
                return false; // cannot tell for another host
            }
            return ProcessHandle.of(pid)
                    .map(p -> !Objects.equals(startOf(p), processStart))
                    .orElse(true);
        }

        byte[] json() {
            try {
                return JSON.writeValueAsBytes(this);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A lease as found: its holder when readable, and when its store last saw it written. */
    private record Found(Optional<Holder> holder, long modifiedMillis) {
        static Optional<Found> read(LeaseStore store, Path file) throws IOException {
            return store.read(file)
                    .map(
                            s -> {
                                Optional<Holder> holder;
                                try {
                                    holder = Optional.of(JSON.readValue(s.content(), Holder.class));
                                } catch (IOException e) {
                                    holder = Optional.empty(); // being written, or not ours
                                }
                                return new Found(holder, s.modifiedMillis());
                            });
        }

        boolean stale() {
            if (holder.isPresent() && holder.get().processGone()) {
                return true;
            }
            long beat = modifiedMillis;
            if (holder.isPresent()) {
                beat = Math.max(beat, Instant.parse(holder.get().heartbeat()).toEpochMilli());
            }
            return System.currentTimeMillis() - beat > STALE_AFTER.toMillis();
        }

        /** Identifies this lease, for the takeover marker. */
        String tag() {
            return holder.map(Holder::jobId).orElse("unreadable-" + modifiedMillis);
        }

        String describe() {
            String beat = Instant.ofEpochMilli(modifiedMillis).toString();
            return holder.map(
                            h ->
                                    "job "
                                            + h.jobId()
                                            + " ("
                                            + h.command()
                                            + ", pid "
                                            + h.pid()
                                            + " on "
                                            + h.host()
                                            + ") since "
                                            + h.started()
                                            + ", last heartbeat "
                                            + h.heartbeat())
                    .orElse("another job (its lease is unreadable), last written " + beat);
        }
    }

    private final LeaseStore store;
    private final Path file;
    private final String output;
    private final ScheduledExecutorService heartbeat;
    private volatile Holder holder;
    private volatile String lostTo;

    private OutputLease(LeaseStore store, Path file, String output, Holder holder) {
        this.store = store;
        this.file = file;
        this.output = output;
        this.holder = holder;
        this.heartbeat =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "gpt1-lease");
                            t.setDaemon(true);
                            return t;
                        });
    }

    /**
     * Refuses when a live lease is in {@code folder}: for a folder that must not be written to
     * anyway, the user learns that a job is writing it.
     */
    static void refuseIfInUse(FileSystem fs, Path folder, String output) {
        Optional<Found> found =
                io(output, () -> Found.read(LeaseStore.of(fs), new Path(folder, FILE)));
        if (found.isPresent() && !found.get().stale()) {
            throw inUse(output, found.get());
        }
    }

    /**
     * Takes the lease of {@code folder}, creating the folder, and starts its heartbeat.
     *
     * @param takeOverStale whether a stale lease may be taken over (resume, overwrite)
     * @param onLost run once if another job takes the lease while this one runs
     * @throws IllegalStateException naming the holder when the lease is held
     */
    static OutputLease acquire(
            FileSystem fs,
            Path folder,
            String output,
            String command,
            boolean takeOverStale,
            Runnable onLost) {
        LeaseStore store = LeaseStore.of(fs);
        Path file = new Path(folder, FILE);
        Holder me = Holder.ofThisProcess(command);
        io(output, () -> fs.mkdirs(folder));
        // The second round covers a lease released, or taken over, between create and read.
        for (int round = 0; ; round++) {
            if (io(output, () -> store.createIfAbsent(file, me.json()))) {
                OutputLease lease = new OutputLease(store, file, output, me);
                lease.startHeartbeat(onLost);
                return lease;
            }
            Optional<Found> found = io(output, () -> Found.read(store, file));
            if (found.isEmpty() && round == 0) {
                continue;
            }
            if (found.isEmpty()) {
                throw new IllegalStateException(
                        "Cannot write to output \"" + output + "\": its lease keeps changing");
            }
            if (!found.get().stale() || !takeOverStale || round > 0) {
                throw inUse(output, found.get());
            }
            io(output, () -> takeOver(store, file, found.get(), output));
        }
    }

    /** Deletes a stale lease so that the next create can take it, unless another job got there. */
    private static Void takeOver(LeaseStore store, Path file, Found stale, String output)
            throws IOException {
        Path marker = new Path(file.getParent(), FILE + ".takeover-" + stale.tag());
        if (!store.createIfAbsent(marker, Holder.ofThisProcess("takeover").json())) {
            throw new IllegalStateException(
                    "Cannot write to output \""
                            + output
                            + "\": another job is taking over its stale lease ("
                            + marker
                            + "; delete it if no job is running)");
        }
        try {
            Optional<Found> now = Found.read(store, file);
            if (now.isPresent() && now.get().tag().equals(stale.tag())) {
                LOG.warn("taking over the stale lease of {}: {}", output, stale.describe());
                store.delete(file);
            }
        } finally {
            store.delete(marker);
        }
        return null;
    }

    private static IllegalStateException inUse(String output, Found found) {
        return new SettingStateException(
                null,
                "Cannot write to output \""
                        + output
                        + "\": it is in use by "
                        + found.describe()
                        + "; wait for that job to end or choose another ",
                JobSettings.OUTPUT,
                " (a lease without a heartbeat for "
                        + STALE_AFTER.toSeconds()
                        + " s is taken over by ",
                JobSettings.MODE,
                " resume or overwrite)");
    }

    private void startHeartbeat(Runnable onLost) {
        long every = HEARTBEAT.toMillis();
        heartbeat.scheduleWithFixedDelay(
                () -> {
                    try {
                        Optional<Found> found = Found.read(store, file);
                        Optional<Holder> now = found.flatMap(Found::holder);
                        if (now.isEmpty() || !now.get().jobId().equals(holder.jobId())) {
                            lostTo = found.map(Found::describe).orElse("nobody (it was deleted)");
                            LOG.error("lost the lease of {} to {}", output, lostTo);
                            heartbeat.shutdown();
                            onLost.run();
                            return;
                        }
                        holder = holder.beating();
                        store.replace(file, holder.json());
                    } catch (IOException | RuntimeException e) {
                        LOG.warn("cannot renew the lease of {}: {}", output, e.toString());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /** Fails when another job took the lease while this one ran. */
    void checkHeld() {
        if (lostTo != null) {
            throw new IllegalStateException(
                    "Lost output \""
                            + output
                            + "\" to "
                            + lostTo
                            + " while writing it; its content is not this job's");
        }
    }

    /** Stops the heartbeat and deletes the lease if it is still this job's. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(10, TimeUnit.SECONDS);
            Optional<Holder> now = Found.read(store, file).flatMap(Found::holder);
            if (now.isPresent() && now.get().jobId().equals(holder.jobId())) {
                store.delete(file);
            }
        } catch (IOException e) {
            LOG.warn("cannot release the lease of {}: {}", output, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    private static String startOf(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(String output, IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot take the lease of output \"" + output + "\": " + e.getMessage(), e);
        }
    }
}
