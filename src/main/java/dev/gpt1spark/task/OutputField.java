package dev.gpt1spark.task;

/** A named, typed output column. */
public record OutputField(String name, FieldType type) {}
