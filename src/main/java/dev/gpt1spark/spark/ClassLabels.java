package dev.gpt1spark.spark;

import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The classifier's label names on the {@code classify} output columns, so that a Parquet file says
 * by itself which probability is which class. Every class column gets {@code "labels"}; {@code
 * label_id} also gets Spark ML's nominal attribute, which {@code IndexToString} reads. The ML
 * stages put them on the same fields of their {@code outputCol} struct.
 */
public final class ClassLabels {
    /** The metadata key holding the label names, in label-id order. */
    public static final String KEY = "labels";

    private static final Set<String> CLASS_COLUMNS =
            Set.of("label", "label_id", "probabilities", "label_probabilities");
    private static final String LABEL_ID = "label_id";

    private ClassLabels() {}

    /** The model's label names when the task writes classes, else an empty list. */
    public static List<String> of(TaskSpec spec, ModelHandle model) {
        boolean classes = spec.fields().stream().anyMatch(f -> f.name().equals(LABEL_ID));
        return classes && model != null ? model.checkpoint().config().labels() : List.of();
    }

    private static boolean isClassOutput(StructType schema) {
        return List.of(schema.fieldNames()).contains(LABEL_ID);
    }

    /** {@code schema} with the labels on its class columns; unchanged when labels is empty. */
    public static StructType annotate(StructType schema, List<String> labels) {
        if (labels.isEmpty() || !isClassOutput(schema)) {
            return schema;
        }
        String[] names = labels.toArray(String[]::new);
        StructField[] fields = schema.fields().clone();
        for (int i = 0; i < fields.length; i++) {
            StructField f = fields[i];
            if (!CLASS_COLUMNS.contains(f.name())) {
                continue;
            }
            MetadataBuilder meta = new MetadataBuilder().withMetadata(f.metadata());
            if (f.name().equals(LABEL_ID)) {
                meta.withMetadata(nominal(names));
            }
            meta.putStringArray(KEY, names);
            fields[i] = new StructField(f.name(), f.dataType(), f.nullable(), meta.build());
        }
        return new StructType(fields);
    }

    private static Metadata nominal(String[] names) {
        return NominalAttribute.defaultAttr().withName(LABEL_ID).withValues(names).toMetadata();
    }
}
