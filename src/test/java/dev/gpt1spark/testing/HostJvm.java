package dev.gpt1spark.testing;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a JVM for a daemon or tool that a test runs on one of its hosts. */
final class HostJvm {
    private HostJvm() {}

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The test's own classpath: Hadoop's daemons and client, Spark, the project. */
    static String testClasspath() {
        return System.getProperty("java.class.path");
    }

    static List<String> command(
            String classpath, List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    static String join(Object... entries) {
        List<String> parts = new ArrayList<>();
        for (Object e : entries) {
            parts.add(e.toString());
        }
        return String.join(File.pathSeparator, parts);
    }
}
