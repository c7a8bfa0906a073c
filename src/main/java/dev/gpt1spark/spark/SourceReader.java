package dev.gpt1spark.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Opens the input with Spark's own reader for its format, with the job's reader options and then
 * the user's ({@code --input-option}), so that the user's win; only {@code mode} and {@code
 * columnNameOfCorruptRecord} stay the job's. JSON and CSV inputs get a column {@link
 * InternalColumns#SOURCE_ERROR}: why a record could not be read ({@code malformed JSON record},
 * {@code blank line}, {@code malformed CSV record}), null for the others; every record and every
 * JSON line stays a row.
 */
final class SourceReader {
    /** The struct from_json parses a JSON line into, before its fields become columns. */
    private static final String PARSED = "__parsed";

    /** Reader options that keep an unparsable record as a row; the user's cannot replace them. */
    private static final Map<String, String> PERMISSIVE =
            Map.of(
                    "mode",
                    "PERMISSIVE",
                    "columnNameOfCorruptRecord",
                    InternalColumns.CORRUPT_RECORD);

    private SourceReader() {}

    /**
     * The input's rows as Spark reads them. A text file's line takes the text column's name, so
     * messages and column checks speak of the same name for every format.
     */
    static Dataset<Row> read(
            SparkSession spark,
            InputFormat format,
            List<String> paths,
            String textCol,
            Map<String, String> options) {
        String[] p = paths.toArray(String[]::new);
        return switch (format) {
            case TEXT ->
                    spark.read()
                            .options(options)
                            .format(InputFormat.TEXT.sparkSource())
                            .load(p)
                            .withColumnRenamed("value", textCol);
            case JSONL -> {
                // Read as lines and parsed with from_json, so that every line is one row: a blank
                // line or a malformed record keeps its place (and gets its line number as id).
                Dataset<Row> lines =
                        spark.read()
                                .options(options)
                                .format(InputFormat.TEXT.sparkSource())
                                .load(p);
                StructType inferred =
                        permissive(spark, options)
                                .json(lines.select("value").as(Encoders.STRING()))
                                .schema();
                Map<String, String> parse = new HashMap<>(options);
                parse.putAll(PERMISSIVE);
                Column parsed = from_json(col("value"), withCorruptRecord(inferred), parse);
                Column error =
                        when(col("value").rlike("^\\s*$"), lit(InputFormat.BLANK_LINE))
                                .when(
                                        col(PARSED)
                                                .isNull()
                                                .or(
                                                        col(PARSED
                                                                        + "."
                                                                        + InternalColumns
                                                                                .CORRUPT_RECORD)
                                                                .isNotNull()),
                                        lit(InputFormat.JSONL.malformedRecord()));
                yield lines.select(col("value"), parsed.as(PARSED))
                        .select(col(PARSED + ".*"), error.as(InternalColumns.SOURCE_ERROR))
                        .drop(InternalColumns.CORRUPT_RECORD);
            }
            case CSV -> {
                // All columns strings: the header names them, no inference pass.
                StructType header =
                        spark.read()
                                .option("header", true)
                                .option("escape", "\"")
                                .option("multiLine", true)
                                .options(options)
                                .option("inferSchema", false)
                                .format(InputFormat.CSV.sparkSource())
                                .load(p)
                                .schema();
                yield spark.read()
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
                        .options(options)
                        .options(PERMISSIVE)
                        .schema(withCorruptRecord(header))
                        .format(InputFormat.CSV.sparkSource())
                        .load(p)
                        .withColumn(
                                InternalColumns.SOURCE_ERROR,
                                when(
                                        col(InternalColumns.CORRUPT_RECORD).isNotNull(),
                                        lit(InputFormat.CSV.malformedRecord())))
                        .drop(InternalColumns.CORRUPT_RECORD);
            }
            case PARQUET, ORC, AVRO ->
                    spark.read().options(options).format(format.sparkSource()).load(p);
        };
    }

    /** The user's options, then the two the job needs to keep every record as a row. */
    private static DataFrameReader permissive(SparkSession spark, Map<String, String> options) {
        return spark.read().options(options).options(PERMISSIVE);
    }

    private static StructType withCorruptRecord(StructType schema) {
        return List.of(schema.fieldNames()).contains(InternalColumns.CORRUPT_RECORD)
                ? schema
                : schema.add(InternalColumns.CORRUPT_RECORD, DataTypes.StringType, true);
    }
}
