package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layers of Spark settings: project < cluster defaults < job file < --conf. */
class SparkSettingsTest {

    @Test
    void theClustersDefaultsOverrideTheProjectsAndYieldToTheJobFileAndCommandLine(@TempDir Path dir)
            throws IOException {
        Files.writeString(
                dir.resolve("spark-defaults.conf"),
                """
                # the cluster's own settings
                spark.eventLog.enabled   true
                spark.executor.memory    9g
                spark.task.cpus          2
                spark.driver.memory      7g
                """);
        Map<String, String> conf =
                SparkSettings.layered(
                        Map.of("SPARK_CONF_DIR", dir.toString()),
                        Map.of("spark.task.cpus", "3", "spark.driver.memory", "5g"),
                        Map.of("spark.driver.memory", "6g"));

        assertThat(conf)
                .containsEntry("spark.eventLog.enabled", "true") // cluster only
                .containsEntry("spark.executor.memory", "9g") // cluster over project (4g)
                .containsEntry("spark.task.cpus", "3") // job file over cluster
                .containsEntry("spark.driver.memory", "6g") // --conf over all
                .containsEntry("spark.broadcast.blockSize", "4m"); // project only
    }

    @Test
    void clusterDefaultsComeFromSparkConfDirElseSparkHomeConf(@TempDir Path dir)
            throws IOException {
        Path home = dir.resolve("spark");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/spark-defaults.conf"), "spark.a 1\n");
        Path confDir = Files.createDirectories(dir.resolve("conf-dir"));

        assertThat(SparkSettings.clusterDefaults(Map.of("SPARK_HOME", home.toString())))
                .contains(home.resolve("conf/spark-defaults.conf"));
        // SPARK_CONF_DIR wins, as in Spark's scripts, even where it has no defaults file
        assertThat(
                        SparkSettings.clusterDefaults(
                                Map.of(
                                        "SPARK_HOME",
                                        home.toString(),
                                        "SPARK_CONF_DIR",
                                        confDir.toString())))
                .isEmpty();
        assertThat(SparkSettings.clusterDefaults(Map.of())).isEmpty();
    }
}
