package dev.gpt1spark.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Spelling;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's output folder on any Hadoop file system: the parts (Parquet unless the job said
 * otherwise), {@code _gpt1_job.json} (what job writes here, checked on resume) and {@code
 * _gpt1_summary.json}.
 */
final class OutputFolder {
    static final String JOB_FILE = "_gpt1_job.json";
    static final String SUMMARY_FILE = "_gpt1_summary.json";

    /** The job file's key for the output's format and writer options, when not the defaults. */
    static final String OUTPUT_WRITER = "output_writer";

    // part-00042-<job uuid>-c000.snappy.parquet (or .orc, .json, .json.gz): the number is the
    // Spark partition, our chunk. Only committed files have this name in the folder itself.
    private static final Pattern PART = Pattern.compile("part-(\\d+)-.+");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final FileSystem fs;

    OutputFolder(String output, Configuration conf) {
        this.path = new Path(output);
        try {
            this.fs = path.getFileSystem(conf);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot open the file system of " + output + ": " + e.getMessage(), e);
        }
    }

    String path() {
        return path.toString();
    }

    boolean exists() {
        return io(() -> fs.exists(path));
    }

    /**
     * Refuses an existing output, for {@code --mode error}: as in use when a job holds its lease,
     * else as existing.
     */
    void refuseExisting() {
        if (exists()) {
            OutputLease.refuseIfInUse(fs, path, path());
            throw alreadyExists();
        }
    }

    IllegalArgumentException alreadyExists() {
        return new SettingException(
                "output " + path() + " already exists; use ",
                JobSettings.MODE,
                " overwrite to replace it or ",
                JobSettings.MODE,
                " resume to finish an interrupted run");
    }

    /** Takes the folder's lease, creating the folder; see {@link OutputLease#acquire}. */
    OutputLease lease(String command, boolean takeOverStale, Runnable onLost) {
        return OutputLease.acquire(fs, path, path(), command, takeOverStale, onLost);
    }

    /** Whether the folder holds nothing but the lease (what a new output holds). */
    boolean holdsOnlyTheLease() {
        for (FileStatus f : io(() -> fs.listStatus(path))) {
            if (!f.getPath().getName().equals(OutputLease.FILE)) {
                return false;
            }
        }
        return true;
    }

    /** Deletes everything in the folder but the lease, for {@code --mode overwrite}. */
    void clearAllButTheLease() {
        for (FileStatus f : io(() -> fs.listStatus(path))) {
            if (!f.getPath().getName().equals(OutputLease.FILE)) {
                io(() -> fs.delete(f.getPath(), true));
            }
        }
    }

    /** Deletes the folder and everything in it. */
    void delete() {
        io(() -> fs.delete(path, true));
    }

    /** Chunks with a committed part file: their rows are complete and final. */
    Set<Integer> committedChunks() {
        Set<Integer> chunks = new TreeSet<>();
        if (!exists()) {
            return chunks;
        }
        for (FileStatus f : io(() -> fs.listStatus(path))) {
            Matcher m = PART.matcher(f.getPath().getName());
            if (f.isFile() && m.matches()) {
                chunks.add(Integer.parseInt(m.group(1)));
            }
        }
        return chunks;
    }

    /** Drops what an interrupted run left uncommitted, so that it cannot be mistaken for output. */
    void removeUncommitted() {
        io(() -> fs.delete(new Path(path, "_temporary"), true));
        io(() -> fs.delete(new Path(path, "_SUCCESS"), false));
        io(() -> fs.delete(new Path(path, SUMMARY_FILE), false));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> readJob() {
        Path file = new Path(path, JOB_FILE);
        if (!io(() -> fs.exists(file))) {
            return null;
        }
        try (InputStream in = fs.open(file)) {
            return JSON.readValue(in, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The format the folder's job wrote its parts in: the job file's, else the default (Parquet;
     * also for a folder no job wrote).
     */
    String writtenFormat() {
        Map<String, Object> job = readJob();
        Object writer = job == null ? null : job.get(OUTPUT_WRITER);
        if (writer instanceof Map<?, ?> options) {
            Object format = options.get(JobSettings.OUTPUT_FORMAT.name(Spelling.SUMMARY));
            if (format != null) {
                return format.toString();
            }
        }
        return JobSettings.OUTPUT_FORMAT.defaultValue();
    }

    void writeJson(String name, Object value) {
        Path file = new Path(path, name);
        try (OutputStream out = fs.create(file, true)) {
            JSON.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }
}
