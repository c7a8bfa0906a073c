package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One writer per output folder: a held lease refuses a second job; a stale one is taken over. */
class OutputLeaseTest extends SparkTestBase {
    @TempDir Path dir;
    private Path corpus;
    private Path out;

    @BeforeEach
    void writeCorpus() {
        corpus =
                CorpusFiles.writeLines(
                        dir.resolve("docs.txt"), List.of("one document", "and another"));
        out = dir.resolve("out");
    }

    private JobOptions tokenize(OutputMode mode) {
        return new JobOptions(
                TaskSpec.of(TaskKind.TOKENIZE),
                null,
                null,
                Precision.FP32,
                InputSpec.of(corpus.toString()),
                out.toString(),
                mode,
                2,
                8,
                0);
    }

    private OutputFolder folder() {
        return new OutputFolder(out.toString(), spark.sparkContext().hadoopConfiguration());
    }

    /** A lease as a driver elsewhere wrote it, last written {@code age} seconds ago. */
    private void leaseFromAnotherHost(long ageSeconds) throws IOException {
        Files.createDirectories(out);
        Instant at = Instant.now().minusSeconds(ageSeconds);
        Path lease = out.resolve(OutputLease.FILE);
        Files.writeString(
                lease,
                "{\"jobId\":\"job-elsewhere\",\"command\":\"embed\",\"host\":\"far-away\","
                        + "\"pid\":4242,\"processStart\":\"\",\"started\":\""
                        + at
                        + "\",\"heartbeat\":\""
                        + at
                        + "\"}");
        Files.setLastModifiedTime(lease, FileTime.from(at));
    }

    @Test
    void aSecondJobIsRefusedWhileTheFirstHoldsTheLease() {
        try (OutputLease first = folder().lease("generate", false, () -> {})) {
            // every mode a folder output takes (append is for tables, refused before the lease)
            for (OutputMode mode :
                    List.of(OutputMode.ERROR, OutputMode.OVERWRITE, OutputMode.RESUME)) {
                assertThatThrownBy(() -> JobRunner.run(spark, tokenize(mode)))
                        .as("mode %s", mode)
                        .hasMessageStartingWith(
                                "Cannot write to output \"" + out + "\": it is in use by job ")
                        .hasMessageContaining("(generate, pid " + ProcessHandle.current().pid())
                        .hasMessageEndingWith(
                                "; wait for that job to end or choose another output (a lease"
                                        + " without a heartbeat for 120 s is taken over by mode"
                                        + " resume or overwrite)");
            }
            assertThat(out.resolve(OutputLease.FILE)).exists();
        }
        assertThat(out.resolve(OutputLease.FILE)).doesNotExist();
        assertThat(JobRunner.run(spark, tokenize(OutputMode.OVERWRITE)).get("rows_out"))
                .isEqualTo(2L);
        assertThat(out.resolve(OutputLease.FILE)).as("released at the end").doesNotExist();
    }

    @Test
    void aLiveLeaseFromAnotherHostIsNotTakenOver() throws IOException {
        leaseFromAnotherHost(5);
        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(OutputMode.RESUME)))
                .hasMessageContaining(
                        "it is in use by job job-elsewhere (embed, pid 4242 on far-away)");
    }

    @Test
    void aStaleLeaseIsTakenOverByResumeAndOverwriteOnly() throws IOException {
        leaseFromAnotherHost(600);
        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(OutputMode.ERROR)))
                .hasMessageEndingWith(
                        "already exists; use mode overwrite to replace it or"
                                + " mode resume to finish an interrupted run");
        assertThat(JobRunner.run(spark, tokenize(OutputMode.RESUME)).get("rows_out")).isEqualTo(2L);
        leaseFromAnotherHost(600);
        assertThat(JobRunner.run(spark, tokenize(OutputMode.OVERWRITE)).get("rows_out"))
                .isEqualTo(2L);
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.startsWith(OutputLease.FILE));
        }
    }

    @Test
    void aLeaseOfAProcessOfThisHostThatEndedIsStaleAtOnce() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        OutputLease.Holder dead =
                new OutputLease.Holder(
                        "job-killed",
                        "score",
                        java.net.InetAddress.getLocalHost().getHostName(),
                        gone.pid(),
                        "",
                        Instant.now().toString(),
                        Instant.now().toString());
        Files.createDirectories(out);
        Files.write(out.resolve(OutputLease.FILE), dead.json());
        assertThat(JobRunner.run(spark, tokenize(OutputMode.RESUME)).get("rows_out")).isEqualTo(2L);
    }

    @Test
    void exactlyOneOfManySimultaneousCreatesWins() throws Exception {
        FileSystem fs = FileSystem.getLocal(new Configuration());
        LeaseStore store = LeaseStore.of(fs);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.toUri() + "/race.json");
        int contenders = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> wins = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                byte[] content = ("contender " + i).getBytes();
                Callable<Boolean> create =
                        () -> {
                            start.await();
                            return store.createIfAbsent(file, content);
                        };
                wins.add(pool.submit(create));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> w : wins) {
                won += w.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
            assertThat(new String(store.read(file).orElseThrow().content()))
                    .startsWith("contender ");
        } finally {
            pool.shutdownNow();
        }
    }
}
