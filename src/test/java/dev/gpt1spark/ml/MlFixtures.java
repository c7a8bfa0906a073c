package dev.gpt1spark.ml;

import dev.gpt1spark.spark.DocumentTransform;
import dev.gpt1spark.spark.ModelHandle;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.testing.ReferenceModels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** A small inline corpus, the tiny model and the reference results of DocumentTransform. */
final class MlFixtures {
    /** The tiny Hugging Face GPT-1 (2 layers, 64 wide, 128 positions). */
    static final Path TINY = ReferenceModels.all().get(1).dir();

    static final StructType SCHEMA =
            DataTypes.createStructType(
                    List.of(
                            DataTypes.createStructField("id", DataTypes.StringType, true),
                            DataTypes.createStructField("text", DataTypes.StringType, true),
                            DataTypes.createStructField("lang", DataTypes.StringType, true)));

    /** d0 … d4; d1 has no text and d2 an empty one. */
    static final List<String> TEXTS =
            Arrays.asList(
                    "The quick brown fox jumps over the lazy dog.",
                    null,
                    "",
                    "It was a bright cold day in April, and the clocks were striking thirteen.",
                    "one");

    /** The errors of a model task on {@link #TEXTS}, in id order. */
    static final List<String> MODEL_ERRORS =
            Arrays.asList(null, "text is null", "empty after tokenization", null, null);

    private MlFixtures() {}

    /** {@link #TEXTS} as id, text, lang over two partitions. */
    static Dataset<Row> docs(SparkSession spark) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < TEXTS.size(); i++) {
            rows.add(RowFactory.create("d" + i, TEXTS.get(i), i % 2 == 0 ? "en" : "fr"));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(2);
    }

    /** What {@link DocumentTransform} gives for the same spec, text "text" and id "id". */
    static Dataset<Row> reference(Dataset<Row> input, TaskSpec spec, Path model, int batchDocs) {
        ModelHandle handle =
                model == null ? null : ModelHandle.load(input.sparkSession(), model, null);
        return DocumentTransform.apply(input, "text", "id", handle, spec, batchDocs);
    }

    /**
     * The rows, sorted by their first column, then by sample_index when there is one (collected, so
     * the plan runs once).
     */
    static List<Row> sorted(Dataset<Row> rows) {
        List<Row> out = new ArrayList<>(rows.collectAsList());
        boolean samples = Arrays.asList(rows.columns()).contains("sample_index");
        out.sort(
                Comparator.comparing((Row r) -> r.getString(0))
                        .thenComparingInt(r -> samples ? r.<Integer>getAs("sample_index") : 0));
        return out;
    }

    /** A column of sorted rows. */
    static List<Object> column(List<Row> rows, String name) {
        List<Object> out = new ArrayList<>();
        rows.forEach(r -> out.add(r.getAs(name)));
        return out;
    }
}
