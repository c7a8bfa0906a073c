package dev.gpt1spark.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Hands a job to spark-submit: {@code $SPARK_HOME/bin/spark-submit} when SPARK_HOME is set, else
 * Spark's own SparkSubmit class from this project's classpath. The application is the job jar (the
 * project with DJL, libtorch and the tokenizers inside, see {@link JobJar}); Spark, Scala and
 * Hadoop are the cluster's.
 */
final class SparkSubmitProcess {
    static final String MAIN_CLASS = "dev.gpt1spark.cli.Gpt1Cli";

    private SparkSubmitProcess() {}

    static int run(
            SparkJobOptions o,
            Map<String, String> conf,
            String[] args,
            PrintWriter out,
            PrintWriter err) {
        Map<String, String> env = System.getenv();
        String master = o.master;
        boolean clusterMode = "cluster".equals(o.deployMode);
        List<String> driverOptions = new ArrayList<>(List.of("-Dai.djl.offline=true"));
        if (!clusterMode) {
            // in cluster mode the driver runs on another host, where these paths do not exist
            driverOptions.add("-Dgpt1.home=" + ProjectHome.get());
            driverOptions.add(
                    "-Dlog4j2.configurationFile=" + ProjectHome.conf("log4j2.properties"));
        }
        List<String> command = new ArrayList<>(submitter(master, env, conf, driverOptions));
        command.addAll(List.of("--master", master, "--class", MAIN_CLASS));
        command.addAll(o.submitArguments());
        command.addAll(List.of("--properties-file", propertiesFile(conf).toString()));
        command.addAll(List.of("--driver-java-options", String.join(" ", driverOptions)));
        command.add(JobJar.resolve(o.jobJar, conf));
        command.addAll(Arrays.asList(args));
        err.println("gpt1: spark-submit --master " + master + " …");
        err.flush();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("TOKENIZERS_PARALLELISM", "false");
        if (DriverAddress.isLocal(master)) {
            builder.environment().putIfAbsent("SPARK_LOCAL_IP", DriverAddress.LOOPBACK);
        }
        try {
            Process process = builder.start();
            Thread stdout = pump(process.getInputStream(), out);
            Thread stderr = pump(process.getErrorStream(), err);
            // Ctrl-C here stops the driver too (SIGTERM), and waits for its last line.
            Thread stopDriver =
                    new Thread(
                            () -> {
                                process.destroy();
                                try {
                                    process.waitFor(30, TimeUnit.SECONDS);
                                    stderr.join(TimeUnit.SECONDS.toMillis(5));
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            "gpt1-stop-driver");
            Runtime.getRuntime().addShutdownHook(stopDriver);
            int code = process.waitFor();
            stdout.join();
            stderr.join();
            try {
                Runtime.getRuntime().removeShutdownHook(stopDriver);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: the driver has ended already
            }
            return code;
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot start spark-submit: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while spark-submit ran", ex);
        }
    }

    /** The spark-submit to run: the cluster's when SPARK_HOME is set, else Spark's own class. */
    static List<String> submitter(
            String master,
            Map<String, String> env,
            Map<String, String> conf,
            List<String> driverOptions) {
        String sparkHome = env.get("SPARK_HOME");
        if (sparkHome != null && !sparkHome.isBlank()) {
            return List.of(Path.of(sparkHome, "bin", "spark-submit").toString());
        }
        String m = master.strip().toLowerCase(Locale.ROOT);
        if (m.equals("yarn") || m.startsWith("k8s://")) {
            throw new IllegalArgumentException(
                    "--master "
                            + master
                            + " needs SPARK_HOME: set it to a Spark 4.x installation (Scala 2.13)"
                            + " with "
                            + (m.equals("yarn") ? "YARN" : "Kubernetes")
                            + " support; the Spark bundled with gpt1-spark runs local and"
                            + " standalone (spark://) masters only");
        }
        List<String> jvm = new ArrayList<>();
        jvm.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // SparkSubmit runs the driver in this very JVM (client mode), so the driver's settings
        // that spark-submit's launcher would turn into JVM flags are applied here.
        jvm.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        String memory = conf.get("spark.driver.memory");
        if (memory != null) {
            jvm.add("-Xmx" + memory);
        }
        jvm.addAll(driverOptions);
        String extra = conf.get("spark.driver.extraJavaOptions");
        if (extra != null && !extra.isBlank()) {
            jvm.addAll(Arrays.asList(extra.strip().split("\\s+"))); // no quoting, as in most confs
        }
        jvm.add("-cp");
        jvm.add(String.join(File.pathSeparator, read(ProjectHome.target("classpath.txt"))));
        jvm.add("org.apache.spark.deploy.SparkSubmit");
        return jvm;
    }

    private static List<String> read(Path classpathFile) {
        try {
            String text = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? List.of() : Arrays.asList(text.split(File.pathSeparator));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + classpathFile + ": " + e.getMessage(), e);
        }
    }

    private static Path propertiesFile(Map<String, String> conf) {
        try {
            Path file = Files.createTempFile("gpt1-spark-", ".conf");
            file.toFile().deleteOnExit();
            List<String> lines = new ArrayList<>();
            conf.forEach((k, v) -> lines.add(k + " " + v));
            Files.write(file, lines, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write the Spark properties: " + e.getMessage(), e);
        }
    }

    private static Thread pump(InputStream from, PrintWriter to) {
        Thread t =
                new Thread(
                        () -> {
                            try (Reader r = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                                char[] buf = new char[8192];
                                for (int n; (n = r.read(buf)) > 0; ) {
                                    to.write(buf, 0, n);
                                    to.flush();
                                }
                            } catch (IOException ignored) {
                                // the process ended
                            }
                        },
                        "spark-submit-output");
        t.start();
        return t;
    }
}
