package dev.gpt1spark.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A corpus file format, with the Spark source that reads it and how it is told from a name. */
public enum InputFormat {
    /** One document per line. */
    TEXT("text", "text", List.of(".txt", ".text"), null),
    /** One JSON object per line ({@code --input-format json} is the same, as Spark names it). */
    JSONL("jsonl", "json", List.of(".jsonl", ".json", ".ndjson"), "malformed JSON record"),
    /** Comma-separated values with a header line. */
    CSV("csv", "csv", List.of(".csv"), "malformed CSV record"),
    /** Apache Parquet. */
    PARQUET("parquet", "parquet", List.of(".parquet"), null),
    /** Apache ORC (Spark's own reader). */
    ORC("orc", "orc", List.of(".orc"), null),
    /** Apache Avro container files (spark-avro, which the job jar carries). */
    AVRO("avro", "avro", List.of(".avro"), null);

    /** Spark's name for JSON Lines, accepted as {@code --input-format}. */
    private static final String JSON = "json";

    /** The input error of a blank line in a JSON Lines file. */
    static final String BLANK_LINE = "blank line";

    /** Suffixes of the Hadoop compression codecs; the format is told by what comes before. */
    private static final List<String> COMPRESSION =
            List.of(".gz", ".bz2", ".zst", ".snappy", ".lz4", ".deflate", ".xz");

    private final String optionName;
    private final String sparkSource;
    private final List<String> extensions;
    private final String malformedRecord;

    InputFormat(
            String optionName,
            String sparkSource,
            List<String> extensions,
            String malformedRecord) {
        this.optionName = optionName;
        this.sparkSource = sparkSource;
        this.extensions = extensions;
        this.malformedRecord = malformedRecord;
    }

    /** The name users give it with {@code --input-format}. */
    public String optionName() {
        return optionName;
    }

    /** The Spark data source that reads it. */
    String sparkSource() {
        return sparkSource;
    }

    /** The input error of a record Spark cannot parse; null where every record parses. */
    String malformedRecord() {
        return malformedRecord;
    }

    /**
     * Whether a record has a place in its file to number: the line (text, JSON Lines) or the record
     * (CSV). Rows of these formats get their place as id when the input has none for them.
     */
    boolean hasPlaces() {
        return this == TEXT || this == JSONL || this == CSV;
    }

    /** The names {@code input-format} takes besides auto: "text, jsonl, json, … or avro". */
    static String names() {
        String[] names = optionNames();
        return String.join(", ", List.of(names).subList(0, names.length - 1))
                + " or "
                + names[names.length - 1];
    }

    /** {@code first}, then the names of the formats as a setting takes them (json after jsonl). */
    static String[] optionNames(String... first) {
        List<String> names = new ArrayList<>(List.of(first));
        for (InputFormat f : values()) {
            names.add(f.optionName);
            if (f == JSONL) {
                names.add(JSON);
            }
        }
        return names.toArray(String[]::new);
    }

    /** The format with this option name, if any. */
    public static Optional<InputFormat> ofOptionName(String name) {
        if (JSON.equals(name)) {
            return Optional.of(JSONL);
        }
        for (InputFormat f : values()) {
            if (f.optionName.equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The format a file name implies, after dropping one compression suffix: {@code a.jsonl.gz} is
     * JSONL, {@code part-0.snappy.parquet} is Parquet.
     */
    public static Optional<InputFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (String suffix : COMPRESSION) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
                break;
            }
        }
        for (InputFormat f : values()) {
            for (String extension : f.extensions) {
                if (name.endsWith(extension)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }
}
