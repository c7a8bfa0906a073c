package dev.gpt1spark.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.task.TaskSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a corpus into the rows the jobs process: {@code id}, the kept columns (their original names
 * and types), {@link InternalColumns#TEXT}, {@link InternalColumns#TEXT2} when the spec names a
 * second text column, and {@link InternalColumns#INPUT_ERROR}.
 *
 * <p>Every input record, and every line of a JSON Lines file, gives exactly one row. A row the jobs
 * cannot process keeps its place with {@code __input_error} set and {@code __text} null; the first
 * that applies of:
 *
 * <ul>
 *   <li>{@code text column "<name>" has type <type>, not string}: on every row, when the text
 *       column as a whole is not a string (JSON numbers only, a Parquet int column);
 *   <li>{@code unterminated CSV quote: …}: the CSV record in which a quote opens that is never
 *       closed, so that Spark's reader took the rest of the file into it ({@link CsvQuotes});
 *   <li>{@code blank line} (JSON Lines), {@code malformed JSON record} (not one JSON object) /
 *       {@code malformed CSV record} (too few or too many fields);
 *   <li>{@code id is null}: the id column is null on this row.
 * </ul>
 *
 * <p>A missing text value (JSON null or absent field, empty CSV field) is {@code __text} null
 * without an input error; the jobs report it. The same holds for {@code __text2}, which is the
 * second text column cast to string (text files have no second column, so they are refused). Empty
 * and whitespace-only texts pass as they are. What Spark's readers do, and this class keeps: text
 * files are decoded as UTF-8 with invalid bytes becoming U+FFFD (which the tokenizer drops); a JSON
 * text value that is a number, object or array among strings is read as its JSON text; CSV skips
 * blank lines. CSV quotes follow RFC 4180 ({@code ""} inside quotes is a quote), a quoted field may
 * span lines (so a CSV file is read by one task, never split), and the header of the first file
 * names the columns of every file. JSON Lines files are read as lines and parsed with {@code
 * from_json} (schema inferred over all lines), so a line is a row whatever it holds.
 *
 * <p>Ids: the id column when it exists (integers, decimals and strings keep their type, other types
 * become their string form); otherwise, unless the id column was named explicitly, generated as
 * {@code <file>:<n>} (two passes, see {@code GeneratedIds}): {@code <file>} is the file's path
 * below the deepest folder all input files share ({@code corpus.txt}, {@code 2024/part-3.jsonl})
 * and {@code <n>} the 1-based number of the record in that file (the line for text and JSON Lines;
 * the record after the header for CSV; the row for Parquet). Rows of text, JSON Lines and CSV are
 * numbered even when the input has ids: a row without one (malformed, blank, null) gets its place
 * as id when ids are strings, and in its error ({@code … at a.jsonl:3}) when they are numbers. The
 * same files give the same ids whatever the partitioning, split size or parallelism, and wherever
 * the folder is moved. Limits: adding or removing a file can change the shared folder and so every
 * id; a changed file changes its numbers; overlapping input paths are rejected; and a file that
 * changes between the two passes fails the job. Numbering costs one extra read of the input when
 * {@link #open} runs, which also counts the rows ({@link Corpus#rowCount()}).
 */
public final class CorpusReader {
    private CorpusReader() {}

    /** The corpus rows; see {@link #open} for the row count. */
    public static Dataset<Row> read(SparkSession spark, InputSpec spec) {
        return open(spark, spec).rows();
    }

    /**
     * The corpus rows and, when generating ids counted them, their number.
     *
     * @throws IllegalArgumentException when a path matches no files, the format cannot be told, or
     *     a named column is missing
     */
    public static Corpus open(SparkSession spark, InputSpec spec) {
        return open(spark, spec, Map.of());
    }

    /**
     * The corpus rows with more input columns after {@code id}, each cast to string and named
     * {@link #extraColumn}{@code (i)} in the map's order. Unlike kept columns they may have any
     * name (a training label may be called {@code label}, which a job's output reserves).
     *
     * @param extraCols column name → the setting that named it, for the message when it is missing
     */
    public static Corpus open(
            SparkSession spark, InputSpec spec, Map<String, Setting<?>> extraCols) {
        if (spec.isTable()) {
            return TableInput.open(spark, spec, extraCols);
        }
        List<String> paths = InputPaths.split(spec.path());
        InputFormat format =
                FormatDetector.resolve(
                        spec.format(), paths, spark.sparkContext().hadoopConfiguration());
        if (format == InputFormat.TEXT && spec.text2Col() != null) {
            throw new SettingException(
                    "Cannot read ",
                    TaskSettings.TEXT2_COL,
                    " from text input: a text file's only column is its line; give jsonl, csv or"
                            + " parquet input");
        }
        Dataset<Row> raw = SourceReader.read(spark, format, paths, spec.textCol(), spec.options());
        return prepare(raw, spec, extraCols, format);
    }

    /**
     * The corpus from a source's rows: id, the extra and kept columns, the text and each row's
     * input error.
     *
     * @param format the file format the rows were read from, or null for a table
     */
    static Corpus prepare(
            Dataset<Row> raw,
            InputSpec spec,
            Map<String, Setting<?>> extraCols,
            InputFormat format) {
        SparkSession spark = raw.sparkSession();
        List<String> columns = new ArrayList<>(List.of(raw.columns()));
        boolean sourceErrors = columns.remove(InternalColumns.SOURCE_ERROR);
        InputColumns.check(spec, columns);
        extraCols.forEach(
                (name, setting) -> {
                    if (!columns.contains(name)) {
                        throw new SettingException(
                                "input has no column \""
                                        + name
                                        + "\" (columns: "
                                        + String.join(", ", columns)
                                        + "); set ",
                                setting);
                    }
                });

        DataType textType = raw.schema().apply(spec.textCol()).dataType();
        Column id =
                columns.contains(spec.idCol())
                        ? idColumn(spec.idCol(), raw.schema().apply(spec.idCol()).dataType())
                        : null;
        Column error;
        Column text;
        if (textType instanceof StringType) {
            error = id == null ? lit(null) : when(id.isNull(), lit("id is null"));
            if (sourceErrors) {
                error = coalesce(col(InternalColumns.SOURCE_ERROR), error);
            }
            // A row with an input error never carries text, so a job that looks only at the text
            // still cannot process it.
            text = when(error.isNull(), column(spec.textCol()));
        } else {
            error = lit(typeError(spec.textCol(), textType));
            text = lit(null);
        }

        List<Column> tail = new ArrayList<>();
        int extra = 0;
        for (String name : extraCols.keySet()) {
            tail.add(column(name).cast(DataTypes.StringType).as(extraColumn(extra++)));
        }
        for (String keep : spec.keepCols()) {
            tail.add(column(keep).as(keep));
        }
        tail.add(text.cast(DataTypes.StringType).as(InternalColumns.TEXT));
        if (spec.text2Col() != null) {
            Column text2 = when(error.isNull(), column(spec.text2Col()));
            tail.add(text2.cast(DataTypes.StringType).as(InternalColumns.TEXT2));
        }
        tail.add(error.cast(DataTypes.StringType).as(InternalColumns.INPUT_ERROR));
        if (id != null && (format == null || !format.hasPlaces())) {
            return new Corpus(
                    raw.select(columns(tail, id.as(OutputColumns.ID))), OptionalLong.empty());
        }
        List<Column> head = new ArrayList<>();
        head.add(col("_metadata.file_path").as(InternalColumns.FILE_PATH));
        head.add(col("_metadata.file_block_start").as(InternalColumns.BLOCK_START));
        if (id != null) {
            head.add(id.as(InternalColumns.SOURCE_ID));
        }
        Dataset<Row> withSplits = raw.select(columns(tail, head.toArray(Column[]::new)));
        GeneratedIds.Numbered numbered =
                GeneratedIds.number(spark, withSplits, outputSchema(withSplits.schema()));
        Dataset<Row> rows = numbered.rows();
        if (format == InputFormat.CSV) {
            rows = markUnterminatedQuotes(spark, rows, numbered.fileNames(), spec.options());
        }
        if (id != null) {
            rows = placesForMissingIds(rows);
        }
        return new Corpus(rows, OptionalLong.of(numbered.count()));
    }

    /**
     * Gives the row of each CSV record in which a quote is never closed the error {@link
     * CsvQuotes#UNTERMINATED}; {@code rows} still have their places as ids.
     */
    private static Dataset<Row> markUnterminatedQuotes(
            SparkSession spark,
            Dataset<Row> rows,
            Map<String, String> fileNames,
            Map<String, String> options) {
        Map<String, Long> open =
                CsvQuotes.unterminated(spark, fileNames.keySet(), CsvQuotes.Syntax.of(options));
        if (open.isEmpty()) {
            return rows;
        }
        Object[] places =
                open.entrySet().stream()
                        .map(e -> fileNames.get(e.getKey()) + ":" + e.getValue())
                        .toArray();
        Column marked = col(OutputColumns.ID).isin(places);
        rows = rows.withColumn(InternalColumns.TEXT, when(not(marked), col(InternalColumns.TEXT)));
        if (List.of(rows.columns()).contains(InternalColumns.TEXT2)) {
            rows =
                    rows.withColumn(
                            InternalColumns.TEXT2, when(not(marked), col(InternalColumns.TEXT2)));
        }
        return rows.withColumn(
                InternalColumns.INPUT_ERROR,
                when(marked, lit(CsvQuotes.UNTERMINATED))
                        .otherwise(col(InternalColumns.INPUT_ERROR)));
    }

    /**
     * The input's ids, except that a row without one (a malformed record, a blank line, a null id)
     * gets its place {@code <file>:<n>} when ids are strings; with numeric ids the place goes into
     * its error instead ({@code malformed JSON record at a.jsonl:3}), since the id column keeps the
     * input's type.
     */
    private static Dataset<Row> placesForMissingIds(Dataset<Row> rows) {
        Column place = col(OutputColumns.ID);
        Column given = col(InternalColumns.SOURCE_ID);
        boolean strings =
                rows.schema().apply(InternalColumns.SOURCE_ID).dataType() instanceof StringType;
        List<Column> out = new ArrayList<>();
        out.add((strings ? coalesce(given, place) : given).as(OutputColumns.ID));
        for (String name : rows.columns()) {
            if (name.equals(InternalColumns.INPUT_ERROR) && !strings) {
                Column error = column(name);
                out.add(
                        when(
                                        given.isNull().and(error.isNotNull()),
                                        concat(error, lit(" at "), place))
                                .otherwise(error)
                                .as(name));
            } else if (!name.equals(OutputColumns.ID) && !name.equals(InternalColumns.SOURCE_ID)) {
                out.add(column(name));
            }
        }
        return rows.select(out.toArray(Column[]::new));
    }

    /**
     * The id column as the output keeps it: integers, decimals and strings as they are, so that
     * results join back to their input; other types as their string form. The kept types have one
     * text form on every JVM, which keys the row's chunk and random stream.
     */
    private static Column idColumn(String name, DataType type) {
        boolean kept =
                type instanceof StringType
                        || type instanceof DecimalType
                        || type.equals(DataTypes.LongType)
                        || type.equals(DataTypes.IntegerType)
                        || type.equals(DataTypes.ShortType)
                        || type.equals(DataTypes.ByteType);
        return kept ? column(name) : column(name).cast(DataTypes.StringType);
    }

    /** The name of the i-th extra column of {@link #open(SparkSession, InputSpec, Map)}. */
    public static String extraColumn(int index) {
        return "__extra_" + index;
    }

    static String typeError(String textCol, DataType type) {
        return "text column \"" + textCol + "\" has type " + type.simpleString() + ", not string";
    }

    /** A column by its exact name, even one with dots or backticks in it. */
    private static Column column(String name) {
        return col("`" + name.replace("`", "``") + "`");
    }

    /** {@code head} then {@code tail}, for a select. */
    private static Column[] columns(List<Column> tail, Column... head) {
        return Stream.concat(Stream.of(head), tail.stream()).toArray(Column[]::new);
    }

    /** {@code id} (string) in place of the file path and split start. */
    private static StructType outputSchema(StructType prepared) {
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField(OutputColumns.ID, DataTypes.StringType, true));
        StructField[] all = prepared.fields();
        for (int i = 2; i < all.length; i++) {
            fields.add(all[i]);
        }
        return DataTypes.createStructType(fields);
    }
}
