package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.testing.S3Server;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per output on S3: jobs racing for an output's lease on a real S3 API server (S3Proxy,
 * its own JVM), each through its own S3A client, and exactly one gets it on every try.
 */
class S3LeaseIT {
    private static final int JOBS = 6;
    private static final int ROUNDS = 5;
    @TempDir Path dir;

    @Test
    void exactlyOneOfSeveralRacingJobsCreatesTheLease() throws Exception {
        try (S3Server s3 = S3Server.start(dir)) {
            String bucket = s3.bucket("leases");
            List<FileSystem> clients = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                clients.add(s3.fileSystem(bucket));
            }
            ExecutorService pool = Executors.newFixedThreadPool(JOBS);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    org.apache.hadoop.fs.Path lease =
                            new org.apache.hadoop.fs.Path(
                                    bucket + "/out-" + round + "/" + OutputLease.FILE);
                    CyclicBarrier start = new CyclicBarrier(JOBS);
                    List<Future<Boolean>> tries = new ArrayList<>();
                    for (int i = 0; i < JOBS; i++) {
                        LeaseStore store = LeaseStore.of(clients.get(i));
                        byte[] content = ("job " + i).getBytes(StandardCharsets.UTF_8);
                        tries.add(
                                pool.submit(
                                        () -> {
                                            start.await();
                                            return store.createIfAbsent(lease, content);
                                        }));
                    }
                    List<Integer> winners = new ArrayList<>();
                    for (int i = 0; i < JOBS; i++) {
                        if (tries.get(i).get()) {
                            winners.add(i);
                        }
                    }
                    assertThat(winners).as("jobs that got the lease in round " + round).hasSize(1);
                    String held =
                            new String(
                                    LeaseStore.of(clients.get(0))
                                            .read(lease)
                                            .orElseThrow()
                                            .content(),
                                    StandardCharsets.UTF_8);
                    assertThat(held)
                            .as("the lease holds the winner's content")
                            .isEqualTo("job " + winners.get(0));
                }
            } finally {
                pool.shutdownNow();
                for (FileSystem fs : clients) {
                    fs.close();
                }
            }
        }
    }
}
