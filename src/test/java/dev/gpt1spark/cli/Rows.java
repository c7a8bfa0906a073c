package dev.gpt1spark.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a job's Parquet output in the test's own short-lived local Spark session. */
final class Rows {
    private Rows() {}

    /** The output as sorted text rows, to compare two runs. */
    static List<String> sorted(Path parquet) {
        return sorted(parquet.toString());
    }

    /** The same for any Hadoop URI ({@code hdfs://…}). */
    static List<String> sorted(String parquet) {
        return sorted(parquet, Map.of());
    }

    /** The same with Hadoop settings, e.g. an {@code s3a://} endpoint and its keys. */
    static List<String> sorted(String parquet, Map<String, String> hadoopConf) {
        return query(
                parquet,
                hadoopConf,
                rows ->
                        rows.collectAsList().stream()
                                .map(Object::toString)
                                .sorted()
                                .collect(Collectors.toList()));
    }

    /** Runs {@code query} on the output, then stops the session. */
    static <T> T query(String parquet, Function<Dataset<Row>, T> query) {
        return query(parquet, Map.of(), query);
    }

    /** The same with Hadoop settings for the session. */
    static <T> T query(
            String parquet, Map<String, String> hadoopConf, Function<Dataset<Row>, T> query) {
        SparkSession.Builder builder =
                SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false");
        hadoopConf.forEach((k, v) -> builder.config("spark.hadoop." + k, v));
        SparkSession spark = builder.getOrCreate();
        try {
            return query.apply(spark.read().parquet(parquet));
        } finally {
            spark.stop();
        }
    }
}
