package dev.gpt1spark.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Writes small corpus files for tests and collects what the reader made of them. */
final class CorpusFiles {
    private CorpusFiles() {}

    static Path write(Path file, String content) {
        return writeBytes(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path writeLines(Path file, List<String> lines) {
        return write(file, String.join("\n", lines) + "\n");
    }

    static Path writeBytes(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeGzip(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** id → __text, sorted by id; fails on duplicate ids. */
    static Map<String, String> textById(Dataset<Row> rows) {
        Map<String, String> out = new TreeMap<>();
        for (Row r : rows.collectAsList()) {
            Object value = r.getAs(OutputColumns.ID);
            String id = value == null ? null : value.toString();
            if (out.containsKey(id)) {
                throw new AssertionError("duplicate id " + id);
            }
            out.put(id, r.getAs(InternalColumns.TEXT));
        }
        return out;
    }

    /** The single row with this id. */
    static Row row(Dataset<Row> rows, String id) {
        List<Row> found = rows.collectAsList().stream().filter(r -> id.equals(idText(r))).toList();
        if (found.size() != 1) {
            throw new AssertionError(found.size() + " rows with id " + id + ": " + found);
        }
        return found.get(0);
    }

    /** A row's id as text (ids keep their input type); null stays null, never "null". */
    private static String idText(Row r) {
        Object value = r.getAs(OutputColumns.ID);
        return value == null ? null : value.toString();
    }
}
