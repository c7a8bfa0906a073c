package dev.gpt1spark.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * A real HDFS for tests: a NameNode and a DataNode (Hadoop's MiniDFSCluster) on loopback, in this
 * JVM, reached by other processes (spark-submit, executors) through its {@code hdfs://} URI.
 */
public final class MiniHdfs implements AutoCloseable {
    private final MiniDFSCluster cluster;

    private MiniHdfs(MiniDFSCluster cluster) {
        this.cluster = cluster;
    }

    /** Starts a NameNode and one DataNode that keep their blocks under {@code dir}. */
    public static MiniHdfs start(Path dir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.toAbsolutePath().toString());
        conf.setInt("dfs.replication", 1);
        MiniDFSCluster cluster =
                new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        cluster.waitActive();
        return new MiniHdfs(cluster);
    }

    /** The file system's root URI, e.g. {@code hdfs://localhost:41234}. */
    public String uri() {
        return cluster.getURI().toString();
    }

    public FileSystem fileSystem() throws IOException {
        return cluster.getFileSystem();
    }

    /** Copies a local file to {@code hdfsPath} (absolute, e.g. {@code /corpus/docs.jsonl}). */
    public String put(Path local, String hdfsPath) {
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(hdfsPath);
        try (OutputStream out = fileSystem().create(target, true)) {
            Files.copy(local, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put " + local + " on HDFS: " + e, e);
        }
        return uri() + hdfsPath;
    }

    /** Copies a local folder to {@code hdfsPath} and returns its URI. */
    public String putFolder(Path local, String hdfsPath) {
        try {
            fileSystem()
                    .copyFromLocalFile(
                            new org.apache.hadoop.fs.Path(local.toUri()),
                            new org.apache.hadoop.fs.Path(hdfsPath));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot put " + local + " on HDFS: " + e, e);
        }
        return uri() + hdfsPath;
    }

    @Override
    public void close() {
        cluster.shutdown(true);
    }
}
