package dev.gpt1spark.task;

/** Types of output fields; each maps to one Parquet/Spark type. */
public enum FieldType {
    STRING,
    INT,
    DOUBLE,
    BOOLEAN,
    INT_ARRAY,
    FLOAT_ARRAY,
    STRING_ARRAY
}
