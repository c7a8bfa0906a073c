package dev.gpt1spark.train;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.spark.CorpusReader;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.spark.InternalColumns;
import dev.gpt1spark.spark.OutputColumns;
import dev.gpt1spark.task.TaskSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads training data with Spark's readers (any format and Hadoop path the jobs read) and collects
 * it to the driver, where the training loop runs. A row with an input error counts as a row without
 * text.
 */
public final class TrainingData {
    private TrainingData() {}

    /**
     * Labelled rows: the text column, the label column (any type, read as its string form) and, for
     * pair tasks, the spec's second text column.
     */
    public static List<LabelledText> labelled(SparkSession spark, InputSpec spec, String labelCol) {
        boolean pairs = spec.text2Col() != null;
        if (labelCol.equals(spec.text2Col())) {
            throw new SettingException(
                    TaskSettings.TEXT2_COL, " must name a column other than the label column");
        }
        List<Row> rows =
                CorpusReader.open(spark, spec, Map.of(labelCol, FinetuneSettings.LABEL_COL))
                        .rows()
                        .select(
                                col(OutputColumns.ID).cast("string"),
                                col(InternalColumns.TEXT),
                                col(CorpusReader.extraColumn(0)),
                                pairs ? col(InternalColumns.TEXT2) : lit(null))
                        .collectAsList();
        List<LabelledText> out = new ArrayList<>(rows.size());
        for (Row row : rows) {
            out.add(
                    new LabelledText(
                            row.getString(0),
                            row.getString(1),
                            (String) row.get(3),
                            row.getString(2)));
        }
        return out;
    }

    /** The texts of a corpus, in the reader's order (rows without text are left out). */
    public static List<String> texts(SparkSession spark, InputSpec spec) {
        List<String> out = new ArrayList<>();
        for (Row row :
                CorpusReader.read(spark, spec)
                        .select(col(InternalColumns.TEXT))
                        .where(col(InternalColumns.TEXT).isNotNull())
                        .collectAsList()) {
            out.add(row.getString(0));
        }
        return out;
    }
}
