package dev.gpt1spark.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * The job jar spark-submit hands the cluster. By default this checkout's {@code
 * target/gpt1-spark-job.jar}, which the driver serves to executors in client mode. In cluster mode
 * a worker host starts the driver from the jar, so it must be where every host reads it: {@code
 * --job-jar} names that copy, or a folder the launcher uploads this checkout's jar to.
 */
final class JobJar {
    static final String NAME = "gpt1-spark-job.jar";

    private JobJar() {}

    /**
     * The jar to submit: {@code target/gpt1-spark-job.jar} without {@code jobJar}, {@code jobJar}
     * itself when it names a {@code .jar}, else this checkout's jar uploaded into the folder {@code
     * jobJar}.
     */
    static String resolve(String jobJar, Map<String, String> sparkConf) {
        if (jobJar != null && jobJar.endsWith(".jar")) {
            return jobJar;
        }
        Path local = ProjectHome.target(NAME);
        return jobJar == null ? local.toString() : upload(local, jobJar, hadoopConf(sparkConf));
    }

    /**
     * Copies {@code jar} into {@code folder} as {@code gpt1-spark-job-HASH.jar}, named by its
     * content so that jobs of other builds never share a name, and skips the copy when that file is
     * already there; returns the copy's fully qualified URI.
     */
    static String upload(Path jar, String folder, Configuration hadoop) {
        try {
            String name = "gpt1-spark-job-" + contentHash(jar) + ".jar";
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(folder);
            FileSystem fs = dir.getFileSystem(hadoop);
            org.apache.hadoop.fs.Path target =
                    fs.makeQualified(new org.apache.hadoop.fs.Path(dir, name));
            if (!hasLength(fs, target, Files.size(jar))) {
                // a partial upload never carries the final name: copy, then rename
                org.apache.hadoop.fs.Path part =
                        new org.apache.hadoop.fs.Path(
                                dir, "." + name + "." + ProcessHandle.current().pid());
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(jar.toUri()), part);
                if (!fs.rename(part, target) && !hasLength(fs, target, Files.size(jar))) {
                    throw new IOException("cannot rename " + part + " to " + target);
                }
            }
            return target.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot put the job jar into --job-jar " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean hasLength(FileSystem fs, org.apache.hadoop.fs.Path p, long length)
            throws IOException {
        if (!fs.exists(p)) {
            return false;
        }
        FileStatus status = fs.getFileStatus(p);
        return status.isFile() && status.getLen() == length;
    }

    /** The Hadoop settings a Spark application would see: the {@code spark.hadoop.*} keys. */
    static Configuration hadoopConf(Map<String, String> sparkConf) {
        Configuration hadoop = new Configuration();
        String prefix = "spark.hadoop.";
        sparkConf.forEach(
                (k, v) -> {
                    if (k.startsWith(prefix)) {
                        hadoop.set(k.substring(prefix.length()), v);
                    }
                });
        return hadoop;
    }

    private static String contentHash(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return DigestUtils.sha256Hex(in).substring(0, 16);
        }
    }
}
