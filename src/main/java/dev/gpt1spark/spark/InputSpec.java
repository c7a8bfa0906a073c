package dev.gpt1spark.spark;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.task.TaskSettings;
import java.io.Serializable;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What corpus to read and which of its columns matter; validated on construction.
 *
 * <p>Example: {@code InputSpec.of("s3a://bucket/corpus/*.jsonl.gz").withKeepCols(List.of("url"))}.
 *
 * @param path a file, folder or glob on any Hadoop file system; several separated by commas (a
 *     comma inside a glob's braces, as in {@code {2023,2024}}, does not separate)
 * @param format {@code auto} (from the file names) or an {@link InputFormat}'s name: {@code text},
 *     {@code jsonl} (also {@code json}), {@code csv}, {@code parquet}, {@code orc}, {@code avro}
 * @param textCol the column holding the document text; for text files it names the line
 * @param idCol the column holding the document id
 * @param keepCols input columns copied to the output unchanged; may be empty; none may be named
 *     like a column the job writes ({@link OutputColumns#of}, checked with the job)
 * @param idColExplicit whether the user named {@code idCol}: if so it must exist, otherwise ids are
 *     generated when it does not
 * @param text2Col the column holding each row's second text, for {@code classify} with a checkpoint
 *     fine-tuned on pairs; null when rows have one text
 * @param options Spark reader options, applied after the reader's own so that they win ({@code
 *     sep=\t}); may be empty
 */
public record InputSpec(
        String path,
        String format,
        String textCol,
        String idCol,
        List<String> keepCols,
        boolean idColExplicit,
        String text2Col,
        Map<String, String> options)
        implements Serializable {

    /** Tell the format from the file names. */
    public static final String AUTO = "auto";

    /** The path is a catalog table's name. */
    public static final String TABLE = "table";

    public static final String DEFAULT_TEXT_COL = "text";
    public static final String DEFAULT_ID_COL = "id";

    public InputSpec {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("Cannot read input: no path given");
        }
        format = format == null ? AUTO : format.trim().toLowerCase(Locale.ROOT);
        if (!format.equals(TABLE)) {
            JobSettings.INPUT_FORMAT.check(format);
        }
        options = options == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(options));
        textCol = columnName(textCol, DEFAULT_TEXT_COL, JobSettings.TEXT_COL);
        idCol = columnName(idCol, DEFAULT_ID_COL, JobSettings.ID_COL);
        keepCols = keepCols == null ? List.of() : List.copyOf(keepCols);
        checkKeepCols(keepCols);
        text2Col = columnName(text2Col, null, TaskSettings.TEXT2_COL);
        if (textCol.equals(text2Col)) {
            throw new SettingException(
                    "Cannot set ",
                    TaskSettings.TEXT2_COL,
                    " to the text column \"" + text2Col + "\"");
        }
    }

    /** Without reader options. */
    public InputSpec(
            String path,
            String format,
            String textCol,
            String idCol,
            List<String> keepCols,
            boolean idColExplicit,
            String text2Col) {
        this(path, format, textCol, idCol, keepCols, idColExplicit, text2Col, Map.of());
    }

    /** Reads the catalog table {@code name} ({@code catalog.db.table} or {@code db.table}). */
    public static InputSpec table(String name) {
        return of(name).withFormat(TABLE);
    }

    /** Whether the path names a catalog table. */
    public boolean isTable() {
        return format.equals(TABLE);
    }

    /** Reads {@code path} with the defaults: format from the names, "text" and "id" columns. */
    public static InputSpec of(String path) {
        return new InputSpec(path, AUTO, DEFAULT_TEXT_COL, DEFAULT_ID_COL, List.of(), false, null);
    }

    /** Passes these options to Spark's reader, after its own. */
    public InputSpec withOptions(Map<String, String> options) {
        return new InputSpec(
                path, format, textCol, idCol, keepCols, idColExplicit, text2Col, options);
    }

    public InputSpec withFormat(String format) {
        return new InputSpec(
                path, format, textCol, idCol, keepCols, idColExplicit, text2Col, options);
    }

    public InputSpec withTextCol(String textCol) {
        return new InputSpec(
                path, format, textCol, idCol, keepCols, idColExplicit, text2Col, options);
    }

    /** Names the id column explicitly, so a missing one is an error rather than generated ids. */
    public InputSpec withIdCol(String idCol) {
        return new InputSpec(path, format, textCol, idCol, keepCols, true, text2Col, options);
    }

    public InputSpec withKeepCols(List<String> keepCols) {
        return new InputSpec(
                path, format, textCol, idCol, keepCols, idColExplicit, text2Col, options);
    }

    /** Reads each row's second text from {@code text2Col} too (a pair per row). */
    public InputSpec withText2Col(String text2Col) {
        return new InputSpec(
                path, format, textCol, idCol, keepCols, idColExplicit, text2Col, options);
    }

    private static String columnName(String name, String fallback, Setting<String> setting) {
        if (name == null) {
            return fallback;
        }
        if (name.isBlank()) {
            throw new SettingException(
                    "Cannot set ", setting, " to \"" + name + "\", expected a column name");
        }
        return name;
    }

    private static void checkKeepCols(List<String> keepCols) {
        // Case-insensitive, like Spark's default column resolution and Parquet readers.
        Set<String> seen = new HashSet<>();
        for (String name : keepCols) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("Cannot keep a column without a name");
            }
            String lower = name.toLowerCase(Locale.ROOT);
            // the command's own output columns are checked with the job (JobOptions)
            OutputColumns.checkKept(OutputColumns.EVERY_JOB, List.of(name));
            if (lower.equals(InternalColumns.TEXT)
                    || lower.equals(InternalColumns.TEXT2)
                    || lower.equals(InternalColumns.INPUT_ERROR)) {
                throw new IllegalArgumentException(
                        "Cannot keep column \"" + name + "\": the corpus reader uses that name");
            }
            if (!seen.add(lower)) {
                throw new IllegalArgumentException("Cannot keep column \"" + name + "\" twice");
            }
        }
    }
}
