package dev.gpt1spark.ml;

import dev.gpt1spark.spark.ClassLabels;
import dev.gpt1spark.spark.DocumentTransform;
import dev.gpt1spark.spark.OutputSchema;
import dev.gpt1spark.task.TaskSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A transformer's output schema: the input columns, then generate's {@code sample_index}, the
 * task's fields and {@code error}, each with the output prefix. Names are compared ignoring case,
 * as Spark resolves them by default.
 */
final class StageSchema {
    private StageSchema() {}

    /**
     * Checks the input and returns the output schema.
     *
     * @param idCol the id column, or "" for none
     * @throws IllegalArgumentException naming the stage for a missing or non-string text column, a
     *     missing id column, or an output column the input already has
     */
    static StructType output(
            String uid,
            StructType input,
            TaskSpec spec,
            String textCol,
            String idCol,
            String prefix,
            String outputCol) {
        List<String> names = Arrays.asList(input.fieldNames());
        DataType textType = input.fields()[indexOf(uid, names, textCol, "text")].dataType();
        if (!(textType instanceof StringType)) {
            throw new IllegalArgumentException(
                    uid
                            + ": text column \""
                            + textCol
                            + "\" must be a string, got "
                            + textType.simpleString());
        }
        if (!idCol.isEmpty()) {
            indexOf(uid, names, idCol, "id");
        }
        List<StructField> out = new ArrayList<>(Arrays.asList(input.fields()));
        Set<String> taken = lowerCase(names);
        List<String> clashes = new ArrayList<>();
        List<StructField> added = new ArrayList<>();
        if (spec.indexesSamples()) {
            added.add(OutputSchema.sampleIndex());
        }
        added.addAll(Arrays.asList(OutputSchema.of(List.of(), spec.fields()).fields()));
        if (!outputCol.isEmpty()) {
            if (!prefix.isEmpty()) {
                throw new IllegalArgumentException(
                        uid + ": set outputCol or outputPrefix, not both");
            }
            if (taken.contains(outputCol.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        uid
                                + ": the input already has the output column \""
                                + outputCol
                                + "\"; set outputCol to another name");
            }
            out.add(
                    new StructField(
                            outputCol,
                            new StructType(added.toArray(StructField[]::new)),
                            false,
                            Metadata.empty()));
            return new StructType(out.toArray(StructField[]::new));
        }
        for (StructField f : added) {
            String name = prefix + f.name();
            if (taken.contains(name.toLowerCase(Locale.ROOT))) {
                clashes.add(name);
            }
            out.add(new StructField(name, f.dataType(), f.nullable(), f.metadata()));
        }
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException(
                    uid
                            + ": the input already has the output columns "
                            + clashes
                            + "; set outputPrefix (e.g. \""
                            + spec.command()
                            + "_\") or rename them");
        }
        return new StructType(out.toArray(StructField[]::new));
    }

    /** What {@link DocumentTransform} prefixes the added columns with before {@link #pack}. */
    static final String STRUCT_PREFIX = "__gpt1_out_";

    /**
     * The input columns, then the columns after them (named with {@link #STRUCT_PREFIX}) as one
     * struct column without the prefix; the struct's class fields carry {@code labels} as a job's
     * flat class columns do ({@link ClassLabels}).
     */
    static Dataset<Row> pack(
            Dataset<Row> flat, int inputColumns, String outputCol, List<String> labels) {
        String[] names = flat.columns();
        StructField[] fields = flat.schema().fields();
        List<StructField> addedFields = new ArrayList<>();
        for (int i = inputColumns; i < fields.length; i++) {
            StructField f = fields[i];
            addedFields.add(
                    new StructField(
                            f.name().substring(STRUCT_PREFIX.length()),
                            f.dataType(),
                            f.nullable(),
                            f.metadata()));
        }
        StructType struct =
                ClassLabels.annotate(
                        new StructType(addedFields.toArray(StructField[]::new)), labels);
        List<Column> kept = new ArrayList<>();
        List<Column> added = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            Column c = flat.col("`" + names[i].replace("`", "``") + "`");
            if (i < inputColumns) {
                kept.add(c);
            } else {
                StructField f = struct.fields()[i - inputColumns];
                added.add(c.as(f.name(), f.metadata())); // struct() keeps each field's metadata
            }
        }
        kept.add(functions.struct(added.toArray(Column[]::new)).as(outputCol));
        return flat.select(kept.toArray(Column[]::new));
    }

    /** The index of a column, by exact name; the first one if the name repeats. */
    static int indexOf(String uid, List<String> names, String column, String role) {
        int i = names.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException(
                    uid
                            + ": input has no "
                            + role
                            + " column \""
                            + column
                            + "\" (columns: "
                            + String.join(", ", names)
                            + ")");
        }
        return i;
    }

    private static Set<String> lowerCase(List<String> names) {
        Set<String> out = new HashSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }
}
