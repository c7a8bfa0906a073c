package dev.gpt1spark.testing;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.DistributedFileSystem;

/**
 * An HDFS client run as its own process on a test host: {@code HdfsClient URI op...} with ops
 * {@code wait-datanodes N}, {@code put LOCAL REMOTE} and {@code get REMOTE LOCAL}, in order.
 */
public final class HdfsClient {
    private HdfsClient() {}

    public static void main(String[] args) throws Exception {
        Configuration conf = new Configuration();
        conf.setInt("dfs.replication", 1);
        try (FileSystem fs = FileSystem.get(URI.create(args[0]), conf)) {
            for (int i = 1; i < args.length; ) {
                switch (args[i]) {
                    case "wait-datanodes" -> {
                        waitForDataNodes((DistributedFileSystem) fs, Integer.parseInt(args[i + 1]));
                        i += 2;
                    }
                    case "put" -> {
                        fs.copyFromLocalFile(new Path(args[i + 1]), new Path(args[i + 2]));
                        i += 3;
                    }
                    case "get" -> {
                        fs.copyToLocalFile(new Path(args[i + 1]), new Path(args[i + 2]));
                        i += 3;
                    }
                    default -> throw new IllegalArgumentException("unknown op " + args[i]);
                }
            }
        }
    }

    private static void waitForDataNodes(DistributedFileSystem fs, int count) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (true) {
            try {
                if (fs.getDataNodeStats().length >= count && !fs.isInSafeMode()) {
                    return;
                }
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e; // the NameNode never answered
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("fewer than " + count + " DataNodes in 5 min");
            }
            Thread.sleep(250);
        }
    }
}
