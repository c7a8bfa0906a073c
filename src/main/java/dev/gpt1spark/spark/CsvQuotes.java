package dev.gpt1spark.spark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import scala.Tuple2;

/**
 * Finds CSV files that end inside a quoted field. Spark's CSV reader takes such a quote to the end
 * of the file and returns the rest of the file as one field of one record, without a word; this
 * scan tells which record it was, so that the corpus reader can give that row an error.
 *
 * <p>The scan follows RFC 4180 as the reader is configured (separator, quote, escape, header,
 * comment), one byte at a time: the separators and quotes it looks for are ASCII, which UTF-8 never
 * uses inside another character. A multi-character separator is not scanned.
 */
final class CsvQuotes {
    /** The input error of the record in which an unterminated quote opens. */
    static final String UNTERMINATED =
            "unterminated CSV quote: the record takes in the rest of the file";

    private CsvQuotes() {}

    /** How the CSV files are written, from the reader's options. */
    record Syntax(int sep, int quote, int escape, boolean header, int comment)
            implements Serializable {
        /** From Spark's option names and the corpus reader's defaults; null if not scannable. */
        static Syntax of(Map<String, String> options) {
            String sep = options.getOrDefault("sep", options.getOrDefault("delimiter", ","));
            sep = sep.equals("\\t") ? "\t" : sep;
            String quote = options.getOrDefault("quote", "\"");
            String escape = options.getOrDefault("escape", "\"");
            String comment = options.getOrDefault("comment", "");
            if (sep.length() != 1 || quote.length() != 1 || escape.length() > 1) {
                return null;
            }
            return new Syntax(
                    sep.charAt(0),
                    quote.charAt(0),
                    escape.isEmpty() ? -1 : escape.charAt(0),
                    Boolean.parseBoolean(options.getOrDefault("header", "true")),
                    comment.isEmpty() ? -1 : comment.charAt(0));
        }
    }

    /**
     * File URI → the 1-based number of the data record (header not counted, as in ids) in which a
     * quote opens and is never closed, for the files that have one. One Spark task per file.
     */
    static Map<String, Long> unterminated(
            SparkSession spark, Collection<String> files, Syntax syntax) {
        if (files.isEmpty() || syntax == null) {
            return Map.of();
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<SerializableConfiguration> conf =
                jsc.broadcast(new SerializableConfiguration(jsc.hadoopConfiguration()));
        List<String> list = new ArrayList<>(files);
        List<Tuple2<String, Long>> found =
                jsc.parallelize(list, list.size())
                        .map(file -> new Tuple2<>(file, scan(file, conf.value(), syntax)))
                        .filter(t -> t._2() > 0)
                        .collect();
        Map<String, Long> out = new HashMap<>();
        found.forEach(t -> out.put(t._1(), t._2()));
        return Collections.unmodifiableMap(out);
    }

    private static long scan(String file, SerializableConfiguration conf, Syntax syntax) {
        Path path = new Path(file);
        try {
            FileSystem fs = path.getFileSystem(conf.value());
            CompressionCodec codec = new CompressionCodecFactory(conf.value()).getCodec(path);
            InputStream raw = fs.open(path);
            try (InputStream in =
                    new BufferedInputStream(
                            codec == null ? raw : codec.createInputStream(raw), 1 << 16)) {
                long record = openRecordAtEnd(in, syntax);
                long data = syntax.header() ? record : record + 1;
                return record < 0 ? -1 : data;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int ESCAPED = 3;
    private static final int QUOTE_IN_QUOTED = 4;
    private static final int COMMENT = 5;

    /**
     * The 0-based number of the record (header included, blank lines not) in which a quote is still
     * open at the end, or -1.
     */
    static long openRecordAtEnd(InputStream in, Syntax s) throws IOException {
        int state = FIELD_START;
        long records = 0;
        boolean content = false;
        long opened = -1;
        for (int b = in.read(); b >= 0; b = in.read()) {
            if (state == ESCAPED) {
                state = QUOTED;
                continue;
            }
            if (state == QUOTED) {
                if (b == s.escape() && s.escape() != s.quote()) {
                    state = ESCAPED;
                } else if (b == s.quote()) {
                    state = QUOTE_IN_QUOTED;
                }
                continue;
            }
            if (state == QUOTE_IN_QUOTED) {
                if (b == s.quote() && s.escape() == s.quote()) {
                    state = QUOTED; // a doubled quote inside quotes
                    continue;
                }
                state = UNQUOTED; // closed; this byte is read as after any value
            }
            boolean newline = b == '\n' || b == '\r';
            if (state == COMMENT) {
                state = newline ? FIELD_START : COMMENT;
                continue;
            }
            if (newline) {
                records += content ? 1 : 0;
                content = false;
                state = FIELD_START;
            } else if (!content && b == s.comment()) {
                state = COMMENT;
            } else {
                content = true;
                if (b == s.sep()) {
                    state = FIELD_START;
                } else if (state == FIELD_START && b == s.quote()) {
                    state = QUOTED;
                    opened = records;
                } else {
                    state = UNQUOTED;
                }
            }
        }
        return state == QUOTED || state == ESCAPED ? opened : -1;
    }
}
