package dev.gpt1spark.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Spark settings a job starts with, layered lowest first (a later layer wins per key):
 *
 * <ol>
 *   <li>this project's {@code conf/spark-defaults.conf};
 *   <li>the cluster's {@code spark-defaults.conf}: {@code $SPARK_CONF_DIR}, else {@code
 *       $SPARK_HOME/conf} (event log, history server, {@code spark.yarn.*}, S3 settings);
 *   <li>the job file's {@code spark.*} keys;
 *   <li>{@code --conf} on the command line.
 * </ol>
 *
 * spark-submit reads a single properties file and skips the cluster's defaults when it is given
 * one, so the launcher merges the layers itself and hands spark-submit the result.
 */
final class SparkSettings {
    private SparkSettings() {}

    static Map<String, String> layered(
            Map<String, String> jobFile, Map<String, String> commandLine) {
        return layered(System.getenv(), jobFile, commandLine);
    }

    static Map<String, String> layered(
            Map<String, String> env, Map<String, String> jobFile, Map<String, String> commandLine) {
        Map<String, String> conf =
                new LinkedHashMap<>(SparkDefaults.read(ProjectHome.conf("spark-defaults.conf")));
        clusterDefaults(env).ifPresent(file -> conf.putAll(SparkDefaults.read(file)));
        conf.putAll(jobFile);
        conf.putAll(commandLine);
        return conf;
    }

    /** The cluster's spark-defaults.conf, where Spark's own scripts would look for it. */
    static Optional<Path> clusterDefaults(Map<String, String> env) {
        String confDir = env.get("SPARK_CONF_DIR");
        String sparkHome = env.get("SPARK_HOME");
        Path dir =
                notBlank(confDir)
                        ? Path.of(confDir)
                        : notBlank(sparkHome) ? Path.of(sparkHome, "conf") : null;
        if (dir == null) {
            return Optional.empty();
        }
        Path file = dir.resolve("spark-defaults.conf");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
