package dev.gpt1spark.task;

/** Types of output fields; each maps to one Parquet/Spark type. */
public enum FieldType {
    STRING,
    INT,
    FLOAT,
    DOUBLE,
    BOOLEAN,
    INT_ARRAY,
    FLOAT_ARRAY,
    STRING_ARRAY,
    /** String keys in a fixed order, float values: a {@code java.util.Map<String, Float>}. */
    FLOAT_MAP
}
