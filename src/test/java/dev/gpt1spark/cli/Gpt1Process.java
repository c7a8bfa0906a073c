package dev.gpt1spark.cli;

import dev.gpt1spark.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/** Starts {@code gpt1} in its own JVM, as submit/gpt1 does, for tests that kill it. */
final class Gpt1Process {
    private Gpt1Process() {}

    static ProcessBuilder builder(Path log, String... args) throws IOException {
        return builder(log, List.of(), args);
    }

    /** The same with test jars (e.g. {@link dev.gpt1spark.testing.CommitGate#jar}) first. */
    static ProcessBuilder builder(Path log, List<Path> testJars, String... args)
            throws IOException {
        Path home = Path.of(System.getProperty("gpt1.home", ".")).toAbsolutePath();
        StringBuilder classpath = new StringBuilder();
        for (Path jar : testJars) {
            classpath.append(jar.toAbsolutePath()).append(File.pathSeparator);
        }
        classpath
                .append(home.resolve("target/gpt1-spark.jar"))
                .append(File.pathSeparator)
                .append(
                        Files.readString(
                                        home.resolve("target/classpath.txt"),
                                        StandardCharsets.UTF_8)
                                .strip());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        command.addAll(ChildJvm.OPTIONS); // where submit/gpt1 puts GPT1_JAVA_OPTS
        command.addAll(
                List.of(
                        "-Dgpt1.home=" + home,
                        "-Dai.djl.offline=true",
                        "-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"),
                        "-cp",
                        classpath.toString(),
                        "dev.gpt1spark.cli.Gpt1Cli"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder;
    }
}
