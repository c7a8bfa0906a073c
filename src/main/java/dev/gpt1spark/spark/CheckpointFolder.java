package dev.gpt1spark.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;

/**
 * Where the driver reads a checkpoint from: a local folder as it is (memory-mapped), or a folder on
 * any Hadoop file system ({@code hdfs://}, {@code s3a://}, …) copied once into a local temporary
 * folder, since the readers memory-map local files.
 */
final class CheckpointFolder {
    private CheckpointFolder() {}

    static Path local(String location, Configuration hadoop) {
        URI uri = URI.create(location.replace(" ", "%20"));
        if (uri.getScheme() == null || uri.getScheme().equals("file")) {
            return uri.getScheme() == null ? Path.of(location) : Path.of(uri);
        }
        org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(location);
        try {
            FileSystem fs = remote.getFileSystem(hadoop);
            if (!fs.getFileStatus(remote).isDirectory()) {
                throw new IllegalArgumentException("model " + location + " is not a folder");
            }
            Path copy = Files.createTempDirectory("gpt1-checkpoint-").resolve(remote.getName());
            deleteOnExit(copy);
            FileUtil.copy(fs, remote, copy.toFile(), false, hadoop);
            return copy;
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("model folder " + location + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the model " + location + ": " + e, e);
        }
    }

    private static void deleteOnExit(Path copy) {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> FileUtil.fullyDelete(copy.getParent().toFile())));
    }
}
