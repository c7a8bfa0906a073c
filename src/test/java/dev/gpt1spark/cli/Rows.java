package dev.gpt1spark.cli;

import java.nio.file.Path;
import java.util.List;
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
        return query(
                parquet,
                rows ->
                        rows.collectAsList().stream()
                                .map(Object::toString)
                                .sorted()
                                .collect(Collectors.toList()));
    }

    /** Runs {@code query} on the output, then stops the session. */
    static <T> T query(String parquet, Function<Dataset<Row>, T> query) {
        SparkSession spark =
                SparkSession.builder()
                        .master("local[1]")
                        .config("spark.ui.enabled", "false")
                        .getOrCreate();
        try {
            return query.apply(spark.read().parquet(parquet));
        } finally {
            spark.stop();
        }
    }
}
