package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.testing.ChildJvm;
import dev.gpt1spark.testing.CommitGate;
import dev.gpt1spark.testing.HostHdfs;
import dev.gpt1spark.testing.HostSpark;
import dev.gpt1spark.testing.NetnsHosts;
import dev.gpt1spark.testing.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Jobs on a cluster of separate hosts (Linux network namespaces, each with its own address,
 * hostname and /etc/hosts; see NetnsHosts): the Spark Master and a Worker on gm, a Worker on gw, a
 * NameNode and a DataNode on gh, and on gd the user, who types {@code submit/gpt1 … --master
 * spark://gm:7077} with corpus and output on {@code hdfs://gh:8020}. Every role is a process on its
 * host; this JVM only starts them and compares outputs, row for row, with the same job on the
 * embedded local Spark.
 */
class MultiHostClusterIT {
    private static final Path MODEL = SharedFixtures.reference().resolve("tiny-hf");
    private static final int DOCS = 96;
    private static final String CHUNKS = "12";

    /** The generate job is held from this chunk on until the executor is killed. */
    private static final int HELD_FROM_CHUNK = 6;

    private static final Pattern PROGRESS = Pattern.compile("\\] ([\\d,]+)/[\\d,]+ documents");

    /** Under target/, kept after a failure for its logs; emptied when the test starts. */
    private static Path dir;

    private static NetnsHosts hosts;
    private static HostHdfs hdfs;
    private static HostSpark spark;
    private static Path clusterConf;

    @BeforeAll
    static void startHosts() throws Exception {
        dir =
                Path.of(System.getProperty("gpt1.home", "."))
                        .toAbsolutePath()
                        .resolve("target/multihost");
        deleteRecursively(dir);
        Files.createDirectories(dir);
        hosts = NetnsHosts.create("gm", "gw", "gh", "gd");
        hdfs = HostHdfs.start(hosts, "gh", Files.createDirectories(dir.resolve("gh")));
        spark = HostSpark.start(hosts, dir.resolve("spark"), "gm", 1, "8g", "gm", "gw");

        Path stage = Files.createDirectories(dir.resolve("stage"));
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            lines.add(
                    "{\"id\":\"doc-"
                            + i
                            + "\",\"text\":\"Letter "
                            + i
                            + ": the harbour was quiet when the ships came back from the north.\"}");
        }
        Files.write(stage.resolve("docs.jsonl"), lines);
        copyFolder(MODEL, Files.createDirectories(stage.resolve("tiny-hf")));
        hdfs.client("gd", "put", stage.toString(), "/in");

        // The cluster's own Spark settings on the driver host, as an administrator keeps them.
        clusterConf = Files.createDirectories(dir.resolve("gd-spark-conf"));
        Files.writeString(
                clusterConf.resolve("spark-defaults.conf"),
                "spark.executor.memory 1g\nspark.hadoop.dfs.replication 1\n");
    }

    @AfterAll
    static void stopHosts() {
        if (hosts != null) {
            hosts.close(); // every process on every host, by PID, then the namespaces
        }
    }

    @Test
    void sampledGenerationSurvivesAnExecutorKilledOnAnotherHost() throws Exception {
        String[] job = {
            "generate",
            "--model",
            MODEL.toString(),
            "--partitions",
            CHUNKS,
            "--strategy",
            "sample",
            "--seed",
            "11",
            "--top-k",
            "40",
            "--max-new-tokens",
            "16",
            "--batch-docs",
            "4"
        };
        List<String> local = localRun(job, "generate-local");

        Path log = dir.resolve("generate-gd.log");
        // held midway (CommitGate) until the executor is gone, however fast the machine
        Path release = dir.resolve("generate-release");
        Process run =
                submit(
                        log,
                        Args.concat(
                                job,
                                CommitGate.sparkConf(
                                        HELD_FROM_CHUNK, release, CommitGate.jar(dir))),
                        "--output",
                        hdfs.uri() + "/out/generate",
                        "--progress-interval",
                        "1");
        long done = 0;
        // only a guard against a hung job
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while ((done == 0 || !CommitGate.reached(release))
                && run.isAlive()
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            done = documentsDone(Files.readString(log));
        }
        List<ProcessHandle> executors = spark.executors("gw");
        assertThat(run.isAlive()).as(Files.readString(log)).isTrue();
        assertThat(done).as("documents done when the executor is killed").isBetween(1L, DOCS - 1L);
        assertThat(executors).as("executor JVMs on gw").hasSize(1);
        executors.get(0).destroyForcibly(); // SIGKILL: its running tasks are lost mid-flight
        executors.get(0).onExit().get(30, TimeUnit.SECONDS);
        CommitGate.open(release);

        finish(run, log);
        assertThat(Files.readString(log))
                .contains("\"spark_master\":\"" + spark.masterUrl())
                .containsPattern("(?i)lost executor|executor.*(exited|lost)");
        assertThat(clusterRows("/out/generate")).isEqualTo(local);
    }

    @Test
    void clusterDeployModeRunsTheDriverOnAWorkerHost() throws Exception {
        String[] job = {"embed", "--partitions", CHUNKS, "--normalize"};
        List<String> local =
                localRun(Args.concat(job, "--model", MODEL.toString()), "embed-cluster-local");

        Path log = dir.resolve("embed-cluster-mode.log");
        Process run =
                submit(
                        log,
                        job,
                        "--model",
                        hdfs.uri() + "/in/tiny-hf",
                        "--output",
                        hdfs.uri() + "/out/embed-cluster-mode",
                        "--deploy-mode",
                        "cluster",
                        "--job-jar",
                        hdfs.uri() + "/jars/",
                        "--conf",
                        // spark-submit waits for the driver and exits with its outcome
                        "spark.standalone.submit.waitAppCompletion=true");
        finish(run, log);
        List<Path> drivers = new ArrayList<>();
        for (String host : List.of("gm", "gw")) {
            try (Stream<Path> s = Files.list(dir.resolve("spark/work-" + host))) {
                s.filter(p -> p.getFileName().toString().startsWith("driver-"))
                        .forEach(drivers::add);
            }
        }
        assertThat(drivers).as("driver folders on the worker hosts").hasSize(1);
        try (Stream<Path> s = Files.list(drivers.get(0))) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .as("the worker started the driver from the jar uploaded to HDFS")
                    .anyMatch(n -> n.matches("gpt1-spark-job-[0-9a-f]{16}\\.jar"));
        }
        List<String> driverOut = Files.readAllLines(drivers.get(0).resolve("stdout"));
        JsonNode summary = new ObjectMapper().readTree(driverOut.get(driverOut.size() - 1));
        assertThat(summary.get("rows_out").asLong()).isEqualTo(DOCS);
        assertThat(summary.get("spark_master").asText()).isEqualTo(spark.masterUrl());
        assertThat(clusterRows("/out/embed-cluster-mode")).isEqualTo(local);
    }

    /** {@code submit/gpt1 JOB --input hdfs://… --master spark://gm:7077 ARGS} typed on gd. */
    private static Process submit(Path log, String[] job, String... args) throws IOException {
        Path home = Path.of(System.getProperty("gpt1.home", ".")).toAbsolutePath();
        List<String> command = new ArrayList<>();
        command.add(home.resolve("submit/gpt1").toString());
        command.addAll(List.of(job));
        command.addAll(List.of("--input", hdfs.uri() + "/in/docs.jsonl"));
        command.addAll(List.of("--master", spark.masterUrl()));
        command.addAll(List.of(ChildJvm.sparkConf()));
        command.addAll(List.of(args));
        ProcessBuilder builder = hosts.builder("gd", command);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SPARK_CONF_DIR", clusterConf.toString());
        ChildJvm.environment(builder.environment());
        return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void finish(Process run, Path log) throws Exception {
        boolean ended = run.waitFor(15, TimeUnit.MINUTES);
        assertThat(ended).as("job ended: " + Files.readString(log)).isTrue();
        assertThat(run.exitValue()).as(Files.readString(log)).isZero();
    }

    private static List<String> localRun(String[] job, String name) {
        Path out = dir.resolve(name);
        CliRun run =
                CliRun.of(
                        Args.concat(
                                job,
                                "--input",
                                dir.resolve("stage/docs.jsonl").toString(),
                                "--output",
                                out.toString(),
                                "--progress-interval",
                                "0"));
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> rows = Rows.sorted(out);
        assertThat(rows).hasSize(DOCS);
        return rows;
    }

    /** The job's output, copied from HDFS by a client on gd, as sorted rows; ids each once. */
    private static List<String> clusterRows(String hdfsPath) throws Exception {
        Path local = dir.resolve("from-hdfs" + hdfsPath.replace('/', '-'));
        hdfs.client("gd", "get", hdfsPath, local.toString());
        List<String> rows = Rows.sorted(local);
        long ids = Rows.query(local.toString(), d -> d.select("id").distinct().count());
        assertThat(ids).isEqualTo(DOCS);
        return rows;
    }

    private static long documentsDone(String log) {
        Matcher m = PROGRESS.matcher(log);
        long last = 0;
        while (m.find()) {
            last = Long.parseLong(m.group(1).replace(",", ""));
        }
        return last;
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }
}
