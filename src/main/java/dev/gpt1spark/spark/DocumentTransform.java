package dev.gpt1spark.spark;

import dev.gpt1spark.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * GPT-1 over a {@code Dataset<Row>} from Spark code: every input row gives exactly one output row
 * (generate: one per sample, numbered in {@code sample_index} after the input columns) with all
 * input columns, the command's fields and {@code error}.
 *
 * <pre>{@code
 * ModelHandle model = ModelHandle.load(spark, Path.of("/models/gpt1"), null);
 * Dataset<Row> scored = DocumentTransform.apply(docs, "text", "id", model, TaskSpec.of(TaskKind.SCORE), 256);
 * }</pre>
 */
public final class DocumentTransform {
    private DocumentTransform() {}

    /**
     * Applies a task to each row.
     *
     * @param textCol the column holding the document
     * @param idCol the id column, which seeds sampling; null to seed by the text
     * @param model the broadcast checkpoint; null only for tokenize with the bundled tokenizer
     * @param batchDocs documents handed to the model together
     */
    public static Dataset<Row> apply(
            Dataset<Row> input,
            String textCol,
            String idCol,
            ModelHandle model,
            TaskSpec spec,
            int batchDocs) {
        return apply(input, textCol, idCol, model, spec, batchDocs, "");
    }

    /**
     * Applies a task to each row, naming its output columns {@code outputPrefix} + field name
     * ({@code error} included), so that several tasks can add their columns to one DataFrame.
     *
     * @throws IllegalArgumentException when an input column already has one of those names
     */
    public static Dataset<Row> apply(
            Dataset<Row> input,
            String textCol,
            String idCol,
            ModelHandle model,
            TaskSpec spec,
            int batchDocs,
            String outputPrefix) {
        StructType given = input.schema();
        String sampleCol = outputPrefix + OutputColumns.SAMPLE_INDEX;
        if (spec.indexesSamples()) {
            checkNoClash(given, List.of(sampleCol), spec.command());
            input = input.withColumn(sampleCol, SampleRows.index(spec));
        }
        StructType schema = input.schema();
        int[] keep = new int[schema.fields().length];
        Arrays.setAll(keep, i -> i);
        RowLayout layout =
                new RowLayout(
                        idCol == null ? -1 : index(given, idCol, "id"),
                        index(given, textCol, "text"),
                        -1,
                        -1,
                        keep,
                        spec.indexesSamples() ? schema.fieldIndex(sampleCol) : -1,
                        rowValueIndices(given, spec));
        StructType out =
                OutputSchema.of(Arrays.asList(schema.fields()), spec.fields(), outputPrefix);
        checkNoClash(
                given,
                Arrays.asList(out.fieldNames()).subList(schema.size(), out.size()),
                spec.command());
        // A Dataset operation, not javaRDD(), which streaming Datasets refuse.
        MapPartitionsFunction<Row, Row> runner =
                new PartitionRunner(model, spec, layout, batchDocs, null);
        return input.mapPartitions(runner, Encoders.row(out));
    }

    /** The column of each setting rows may override, by setting key. */
    private static Map<String, Integer> rowValueIndices(StructType schema, TaskSpec spec) {
        Map<String, Integer> out = new LinkedHashMap<>();
        spec.rowColumns().forEach((key, column) -> out.put(key, index(schema, column, key)));
        return out;
    }

    static int index(StructType schema, String column, String role) {
        List<String> names = Arrays.asList(schema.fieldNames());
        int i = names.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(
                    "input has no "
                            + role
                            + " column \""
                            + column
                            + "\" (columns: "
                            + String.join(", ", names)
                            + ")");
        }
        return i;
    }

    /** The output's own columns (after the input's) must not repeat an input column's name. */
    private static void checkNoClash(StructType input, List<String> added, String command) {
        List<String> names = Arrays.asList(input.fieldNames());
        List<String> clashes = added.stream().filter(names::contains).toList();
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException(
                    "input columns "
                            + clashes
                            + " would be overwritten by the "
                            + command
                            + " output; rename them");
        }
    }

    /** The input columns as output struct fields, for layouts that keep a subset. */
    static List<StructField> fields(StructType schema, int[] indices) {
        List<StructField> out = new ArrayList<>();
        for (int i : indices) {
            out.add(schema.fields()[i]);
        }
        return out;
    }
}
