package dev.gpt1spark.spark;

import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Opens the input with Spark's own reader for its format, keeping unparsable JSON and CSV records
 * as rows with {@link InternalColumns#CORRUPT_RECORD} set.
 */
final class SourceReader {
    private SourceReader() {}

    /**
     * The input's rows as Spark reads them. A text file's line takes the text column's name, so
     * messages and column checks speak of the same name for every format.
     */
    static Dataset<Row> read(
            SparkSession spark, InputFormat format, List<String> paths, String textCol) {
        String[] p = paths.toArray(String[]::new);
        return switch (format) {
            case TEXT ->
                    spark.read()
                            .format(InputFormat.TEXT.sparkSource())
                            .load(p)
                            .withColumnRenamed("value", textCol);
            case JSONL -> {
                // Inference is a pass over the data; a malformed line only adds the corrupt column
                // when inference met one, so it is added here for every read.
                StructType inferred =
                        permissive(spark).format(InputFormat.JSONL.sparkSource()).load(p).schema();
                yield permissive(spark)
                        .schema(withCorruptRecord(inferred))
                        .format(InputFormat.JSONL.sparkSource())
                        .load(p);
            }
            case CSV -> {
                // All columns strings: the header names them, no inference pass.
                StructType header =
                        spark.read()
                                .option("header", true)
                                .option("inferSchema", false)
                                .option("escape", "\"")
                                .option("multiLine", true)
                                .format(InputFormat.CSV.sparkSource())
                                .load(p)
                                .schema();
                yield permissive(spark)
                        .option("header", true)
                        // RFC 4180 quoting ("" inside quotes), as spreadsheets and pandas write;
                        // Spark's default escape is a backslash.
                        .option("escape", "\"")
                        // Documents often hold line breaks inside quotes; read line by line, such
                        // a record would become several wrong rows. The price: a CSV file is read
                        // by one task, never split.
                        .option("multiLine", true)
                        // Without this, a record with too few or too many fields is only flagged
                        // when a missing or extra field is one of the columns selected.
                        .option("columnPruning", false)
                        .schema(withCorruptRecord(header))
                        .format(InputFormat.CSV.sparkSource())
                        .load(p);
            }
            case PARQUET -> spark.read().format(InputFormat.PARQUET.sparkSource()).load(p);
        };
    }

    private static DataFrameReader permissive(SparkSession spark) {
        return spark.read()
                .option("mode", "PERMISSIVE")
                .option("columnNameOfCorruptRecord", InternalColumns.CORRUPT_RECORD);
    }

    private static StructType withCorruptRecord(StructType schema) {
        return List.of(schema.fieldNames()).contains(InternalColumns.CORRUPT_RECORD)
                ? schema
                : schema.add(InternalColumns.CORRUPT_RECORD, DataTypes.StringType, true);
    }
}
