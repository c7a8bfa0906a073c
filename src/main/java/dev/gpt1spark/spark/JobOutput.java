package dev.gpt1spark.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** A job's output read back in the format the job wrote it (its job file's output-format). */
public final class JobOutput {
    private JobOutput() {}

    /**
     * The rows under {@code path}: a job's output folder, or a Parquet folder or file no job wrote.
     */
    public static Dataset<Row> read(SparkSession spark, String path) {
        String format =
                new OutputFolder(path, spark.sparkContext().hadoopConfiguration()).writtenFormat();
        return spark.read().format(format).load(path);
    }
}
