package dev.gpt1spark.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Spark standalone cluster on test hosts: the Master on one host, a Worker on each host named,
 * every daemon its own JVM from Spark's classes, as {@code sbin/start-master.sh} and {@code
 * start-worker.sh} would start them. Their Spark installation is a folder of links to Spark, Scala,
 * Hadoop and their dependencies only, so executors get gpt1-spark, DJL and libtorch from the job
 * jar, as on a real cluster. Executor logs: {@code DIR/work-HOST/app-*}.
 */
public final class HostSpark {
    public static final int PORT = 7077;

    private final NetnsHosts hosts;
    private final String master;

    private HostSpark(NetnsHosts hosts, String master) {
        this.hosts = hosts;
        this.master = master;
    }

    /** Starts the Master on {@code master} and one Worker per entry of {@code workers}. */
    public static HostSpark start(
            NetnsHosts hosts, Path dir, String master, int cores, String memory, String... workers)
            throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("gpt1.home", ".")).toAbsolutePath();
        Path sparkHome = dir.resolve("spark-home");
        Path jars = Files.createDirectories(sparkHome.resolve("jars"));
        String classpath = Files.readString(home.resolve("target/classpath.txt")).strip();
        for (String jar : classpath.split(File.pathSeparator)) {
            if (!jar.contains("/ai/djl/") && !jar.contains("/info/picocli/")) {
                Path link = jars.resolve(Path.of(jar).getFileName());
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, Path.of(jar));
                }
            }
        }
        List<String> jvm = new ArrayList<>(ChildJvm.OPTIONS);
        jvm.addAll(
                List.of(
                        "-Xmx384m",
                        "-XX:+IgnoreUnrecognizedVMOptions",
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
                        "-Dlog4j2.configurationFile="
                                + home.resolve("conf/log4j2-local-cluster.properties")));
        String cp = jars + "/*";
        HostSpark spark = new HostSpark(hosts, master);
        spark.daemon(
                master,
                sparkHome,
                dir.resolve("master.log"),
                HostJvm.command(
                        cp,
                        jvm,
                        "org.apache.spark.deploy.master.Master",
                        "--host",
                        master,
                        "--port",
                        String.valueOf(PORT),
                        "--webui-port",
                        "8080"));
        List<Path> logs = new ArrayList<>();
        for (String worker : workers) {
            Path log = dir.resolve("worker-" + worker + ".log");
            logs.add(log);
            spark.daemon(
                    worker,
                    sparkHome,
                    log,
                    HostJvm.command(
                            cp,
                            jvm,
                            "org.apache.spark.deploy.worker.Worker",
                            "--host",
                            worker,
                            "--webui-port",
                            "8081",
                            "--cores",
                            String.valueOf(cores),
                            "--memory",
                            memory,
                            "--work-dir",
                            Files.createDirectories(dir.resolve("work-" + worker)).toString(),
                            spark.masterUrl()));
        }
        for (Path log : logs) {
            waitFor(log, "Successfully registered with master");
        }
        return spark;
    }

    /** {@code spark://MASTER:7077}. */
    public String masterUrl() {
        return "spark://" + master + ":" + PORT;
    }

    /** The executor JVMs (CoarseGrainedExecutorBackend) that run on {@code host} now. */
    public List<ProcessHandle> executors(String host) {
        return hosts.processes(host).stream()
                .filter(
                        p ->
                                p.info()
                                        .commandLine()
                                        .map(c -> c.contains("CoarseGrainedExecutorBackend"))
                                        .orElse(false))
                .toList();
    }

    private void daemon(String host, Path sparkHome, Path log, List<String> command)
            throws IOException {
        ProcessBuilder builder = hosts.builder(host, command);
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        // Spark's launcher looks for build folders without it.
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitFor(Path log, String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(
                "no '" + text + "' in " + log + " within 5 min: " + Files.readString(log));
    }
}
