package dev.gpt1spark.spark;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One local[2] Spark session per test class: UI off, driver on loopback. */
public abstract class SparkTestBase {
    protected static SparkSession spark;

    @BeforeAll
    static void startSpark() {
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

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }
}
