package dev.gpt1spark.spark;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a Spark job about where its rows come from and go to, declared once like the
 * per-document ones ({@code task/TaskSettings}): the command line's {@code --input-option}, the job
 * file's {@code input-option}, the job record's {@code input_option} are these constants.
 */
public final class JobSettings {
    /** The corpus of a job: files, folders or globs on any Hadoop file system. */
    public static final Setting<String> INPUT =
            Setting.text(
                            "input",
                            null,
                            "Run as a Spark job over this corpus: a file, folder or glob on any"
                                    + " Hadoop file system (file://, hdfs://, s3a://); several"
                                    + " separated by commas")
                    .label("PATH");

    /** A catalog table as the corpus, instead of {@link #INPUT}. */
    public static final Setting<String> INPUT_TABLE =
            Setting.text("input-table", null, "")
                    .withDoc(
                            "Run as a Spark job over this catalog table (catalog.db.table: Apache"
                                    + " Iceberg or the session catalog) instead of ",
                            INPUT,
                            "; it needs an id column")
                    .label("NAME");

    /** How the input files are read; {@code auto} goes by the file names. */
    public static final Setting<String> INPUT_FORMAT =
            Setting.choice(
                    "input-format",
                    InputSpec.AUTO,
                    "Input format; auto goes by file extension",
                    InputFormat.optionNames(InputSpec.AUTO));

    /** The column holding the text; for text files it names the line. */
    public static final Setting<String> TEXT_COL =
            Setting.text("text-col", InputSpec.DEFAULT_TEXT_COL, "Column with the text")
                    .label("NAME");

    /** The column holding the row id. */
    public static final Setting<String> ID_COL =
            Setting.text(
                            "id-col",
                            null,
                            "Column with the row id (default: id if present, else ids are"
                                    + " generated as <file>:<row>, the same for the same input"
                                    + " files)")
                    .label("NAME");

    /** Input columns copied to the output unchanged. */
    public static final Setting<List<String>> KEEP_COLS =
            Setting.strings("keep-cols", "Input columns copied to the output")
                    .label("A,B,…")
                    .commaSeparated();

    /** The output files' format. */
    public static final Setting<String> OUTPUT_FORMAT =
            Setting.choice(
                    "output-format",
                    "parquet",
                    "Format of the output files",
                    "parquet",
                    "orc",
                    "json");

    /** The job's output folder. */
    public static final Setting<String> OUTPUT =
            Setting.text("output", null, "")
                    .withDoc("Output folder of the job (Parquet files unless ", OUTPUT_FORMAT, ")")
                    .label("DIR");

    /** A catalog table the rows are published to once every chunk is done. */
    public static final Setting<String> OUTPUT_TABLE =
            Setting.text("output-table", null, "")
                    .withDoc(
                            "Publish the rows to this catalog table (catalog.db.table: Apache"
                                    + " Iceberg or the session catalog) once every chunk is done; ",
                            OUTPUT,
                            " is then the staging folder (default: under"
                                    + " spark.sql.warehouse.dir)")
                    .label("NAME");

    /** What a job does when its output exists. */
    public static final Setting<String> MODE =
            Setting.choice("mode", OutputMode.ERROR.word(), "", OutputMode.words())
                    .withDoc(
                            "When the output exists: refuse, replace it, or finish an interrupted"
                                    + " run of the same job; append adds rows to an ",
                            OUTPUT_TABLE);

    /** The job's chunks: Spark partitions and output files, the unit of retry and resume. */
    public static final Setting<Integer> PARTITIONS =
            Setting.integer(
                            "partitions",
                            0,
                            "Chunks of the job: Spark partitions and output files, the unit of"
                                    + " retry and resume")
                    .must(">= 0", n -> n >= 0)
                    .defaultDoc("from the input size and the cluster's cores");

    /** Seconds between progress lines. */
    public static final Setting<Integer> PROGRESS_INTERVAL =
            Setting.integer("progress-interval", 10, "Seconds between progress lines; 0 for none")
                    .must(">= 0", n -> n >= 0)
                    .label("SECONDS");

    /** Options for Spark's reader of the input, after the job's own: {@code sep=\t}. */
    public static final Setting<List<String>> INPUT_OPTION =
            Setting.strings(
                            "input-option",
                            "A Spark reader option for the input, as Spark spells it (repeatable):"
                                    + " sep=\\t, encoding=ISO-8859-1, recursiveFileLookup=true")
                    .label("KEY=VALUE")
                    .must("KEY=VALUE pairs", JobSettings::arePairs);

    /** Options for Spark's writer of the output, after the job's own: {@code compression=zstd}. */
    public static final Setting<List<String>> OUTPUT_OPTION =
            Setting.strings(
                            "output-option",
                            "A Spark writer option for the output, as Spark spells it (repeatable):"
                                    + " compression=zstd")
                    .label("KEY=VALUE")
                    .must("KEY=VALUE pairs", JobSettings::arePairs);

    /** How a corpus is read: by the jobs and by the training commands. */
    public static final Settings CORPUS = Settings.of(INPUT_FORMAT, TEXT_COL, ID_COL);

    /** The settings of every Spark job besides {@link #CORPUS}. */
    public static final Settings ALL =
            Settings.of(
                    INPUT,
                    INPUT_TABLE,
                    INPUT_OPTION,
                    KEEP_COLS,
                    OUTPUT,
                    OUTPUT_TABLE,
                    OUTPUT_FORMAT,
                    OUTPUT_OPTION,
                    MODE,
                    PARTITIONS,
                    PROGRESS_INTERVAL);

    private JobSettings() {}

    /** {@code KEY=VALUE} strings as a map in their order; a later key wins. */
    public static Map<String, String> pairs(List<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String option : options == null ? List.<String>of() : options) {
            int eq = option.indexOf('=');
            out.put(option.substring(0, eq).strip(), option.substring(eq + 1));
        }
        return out;
    }

    private static boolean arePairs(List<String> options) {
        return options.stream()
                .allMatch(o -> o.indexOf('=') > 0 && !o.substring(0, o.indexOf('=')).isBlank());
    }
}
