package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.testing.ChildJvm;
import dev.gpt1spark.testing.CommitGate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * A job run through spark-submit ({@code local[1]}) in its own JVM, held by a {@link CommitGate} at
 * its third chunk, two committed, and SIGKILLed there: driver, executor and launcher die without
 * shutdown hooks or clean-up, as on a lost host.
 */
final class KilledAtGate {
    private KilledAtGate() {}

    /**
     * Runs {@code job} (its output in {@code dir/first.log}) until {@code twoCommitted} holds and
     * the gate is reached, then kills it.
     */
    static void killAfterTwoChunks(Path dir, String[] job, Callable<Boolean> twoCommitted)
            throws Exception {
        Path log = dir.resolve("first.log");
        Path release = dir.resolve("release"); // never created: the job is killed at the gate
        Process first =
                Gpt1Process.builder(
                                log,
                                Args.concat(
                                        Args.concat(
                                                Args.concat(job, "--master", "local[1]"),
                                                ChildJvm.sparkConf()),
                                        CommitGate.sparkConf(2, release, CommitGate.jar(dir))))
                        .start();
        // only a guard against a hung job: a busy machine may take minutes to start Spark
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        while ((!twoCommitted.call() || !CommitGate.reached(release))
                && first.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(first.isAlive())
                .as("the job must still run when it is killed: " + Files.readString(log))
                .isTrue();
        // the spark-submit JVM (driver and local executor) first, then its launcher
        for (ProcessHandle child : first.descendants().toList()) {
            child.destroyForcibly();
            child.onExit().get(30, TimeUnit.SECONDS);
        }
        first.destroyForcibly().waitFor();
    }
}
