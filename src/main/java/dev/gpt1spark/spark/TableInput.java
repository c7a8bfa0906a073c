package dev.gpt1spark.spark;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A catalog table as a job's corpus: its rows as they are, and the data files behind them, which
 * the job record fingerprints so that a resume refuses a table that changed since the run started.
 */
final class TableInput {
    private TableInput() {}

    /** The table's rows, read like any other corpus; ids come from its id column. */
    static Corpus open(SparkSession spark, InputSpec spec, Map<String, Setting<?>> extraCols) {
        Dataset<Row> raw = rows(spark, spec.path());
        if (!List.of(raw.columns()).contains(spec.idCol())) {
            throw new SettingException(
                    "Cannot read table "
                            + spec.path()
                            + ": it has no id column \""
                            + spec.idCol()
                            + "\" (columns: "
                            + String.join(", ", raw.columns())
                            + "); name one with ",
                    JobSettings.ID_COL);
        }
        return CorpusReader.prepare(raw, spec, extraCols, null);
    }

    /** The data files the table's current rows are read from (Iceberg: its files table). */
    static List<String> dataFiles(SparkSession spark, String name) {
        if (TableOutput.of(spark, name).isIceberg()) {
            return spark.sql("SELECT file_path FROM " + name + ".files ORDER BY file_path")
                    .as(org.apache.spark.sql.Encoders.STRING())
                    .collectAsList();
        }
        return List.of(rows(spark, name).inputFiles());
    }

    private static Dataset<Row> rows(SparkSession spark, String name) {
        try {
            return spark.table(name);
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                throw new IllegalArgumentException(
                        "Cannot read table " + name + ": " + e.getMessage(), e);
            }
            throw e;
        }
    }
}
