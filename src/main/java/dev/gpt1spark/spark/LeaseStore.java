package dev.gpt1spark.spark;

import java.io.IOException;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where an output's lease file lives. {@link #createIfAbsent} must be atomic: two jobs that call it
 * at once on the same file must not both succeed, or both would write the output.
 *
 * <p>{@link FileSystemLeaseStore} covers local files (a hard link, which the kernel creates only if
 * the name is free), HDFS (the NameNode refuses a second create) and S3 (a PUT with {@code
 * If-None-Match: *}). Another object store needs its own conditional write; {@link #of} is where it
 * plugs in.
 */
interface LeaseStore {
    /** A lease file's content and the time its store last saw it written. */
    record Stored(byte[] content, long modifiedMillis) {}

    /** Creates {@code file} holding {@code content}; false, leaving it alone, if it exists. */
    boolean createIfAbsent(Path file, byte[] content) throws IOException;

    /** Replaces the content of {@code file} (a heartbeat). */
    void replace(Path file, byte[] content) throws IOException;

    /** The file's content, or empty when it does not exist. */
    Optional<Stored> read(Path file) throws IOException;

    void delete(Path file) throws IOException;

    /** The store for {@code fs}. */
    static LeaseStore of(FileSystem fs) {
        return new FileSystemLeaseStore(fs);
    }
}
