package dev.gpt1spark.spark;

import dev.gpt1spark.testing.SlowTier;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;

/**
 * One local[2] Spark session for every test class of a test JVM: UI off, driver on loopback.
 * Starting a session per class cost seconds each; classes share it, and each leaves the runtime
 * settings it changes as it found them. A CLI job in the same JVM stops it (the launcher stops the
 * session it ran on), so the next class starts a new one. Spark's shutdown hook stops it at exit.
 */
@SlowTier
public abstract class SparkTestBase {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
        spark = shared();
    }

    private static synchronized SparkSession shared() {
        if (spark == null || spark.sparkContext().isStopped()) {
            spark =
                    SparkSession.builder()
                            .master("local[2]")
                            .appName("gpt1-spark-test")
                            .config("spark.ui.enabled", "false")
                            .config("spark.driver.host", "127.0.0.1")
                            .config("spark.driver.bindAddress", "127.0.0.1")
                            .config("spark.sql.shuffle.partitions", "4")
                            .getOrCreate();
        }
        return spark;
    }
}
