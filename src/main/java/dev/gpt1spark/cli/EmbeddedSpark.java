package dev.gpt1spark.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** A local[*] Spark in this JVM, started with the layered settings and a loopback driver. */
final class EmbeddedSpark {
    private EmbeddedSpark() {}

    static SparkSession start(String appName, Map<String, String> settings) {
        Map<String, String> conf = new LinkedHashMap<>(settings);
        DriverAddress.pinToLoopback(conf, System.getenv());
        SparkSession.Builder builder = SparkSession.builder().appName(appName).master("local[*]");
        conf.forEach(builder::config);
        return builder.getOrCreate();
    }
}
