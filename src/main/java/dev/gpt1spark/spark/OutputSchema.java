package dev.gpt1spark.spark;

import dev.gpt1spark.task.FieldType;
import dev.gpt1spark.task.OutputField;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Parquet/Spark types of the jobs' output fields, in one place. Arrays and maps never hold
 * nulls; the fields are nullable because a row with an error has none of them.
 */
public final class OutputSchema {
    private OutputSchema() {}

    /** The Spark type of an output field. */
    public static DataType typeOf(FieldType type) {
        switch (type) {
            case STRING:
                return DataTypes.StringType;
            case INT:
                return DataTypes.IntegerType;
            case FLOAT:
                return DataTypes.FloatType;
            case DOUBLE:
                return DataTypes.DoubleType;
            case BOOLEAN:
                return DataTypes.BooleanType;
            case INT_ARRAY:
                return DataTypes.createArrayType(DataTypes.IntegerType, false);
            case FLOAT_ARRAY:
                return DataTypes.createArrayType(DataTypes.FloatType, false);
            case STRING_ARRAY:
                return DataTypes.createArrayType(DataTypes.StringType, false);
            case FLOAT_MAP:
                return DataTypes.createMapType(DataTypes.StringType, DataTypes.FloatType, false);
            default:
                throw new IllegalStateException("unhandled field type " + type);
        }
    }

    /** generate's {@code sample_index} column; never null, even on a row with an error. */
    public static StructField sampleIndex() {
        return DataTypes.createStructField(
                OutputColumns.SAMPLE_INDEX, DataTypes.IntegerType, false);
    }

    /** The kept input columns, then the command's fields, then {@code error}. */
    public static StructType of(List<StructField> kept, List<OutputField> fields) {
        return of(kept, fields, "");
    }

    /** Like {@link #of(List, List)}, with {@code prefix} before each field's name and error's. */
    public static StructType of(List<StructField> kept, List<OutputField> fields, String prefix) {
        List<StructField> out = new ArrayList<>(kept);
        for (OutputField f : fields) {
            out.add(DataTypes.createStructField(prefix + f.name(), typeOf(f.type()), true));
        }
        out.add(
                DataTypes.createStructField(
                        prefix + OutputColumns.ERROR, DataTypes.StringType, true));
        return DataTypes.createStructType(out);
    }
}
