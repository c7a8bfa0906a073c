package dev.gpt1spark.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;

/** Reads a Parquet output as sorted text rows, to compare two runs. */
final class Rows {
    private Rows() {}

    static List<String> sorted(Path parquet) {
        return sorted(parquet.toString());
    }

    /** The same for any Hadoop URI ({@code hdfs://…}). */
    static List<String> sorted(String parquet) {
        SparkSession spark =
                SparkSession.builder()
                        .master("local[1]")
                        .config("spark.ui.enabled", "false")
                        .getOrCreate();
        try {
            return spark.read().parquet(parquet).collectAsList().stream()
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.toList());
        } finally {
            spark.stop();
        }
    }
}
