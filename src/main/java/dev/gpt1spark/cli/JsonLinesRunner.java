package dev.gpt1spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.task.Document;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.OutputField;
import dev.gpt1spark.task.SetAside;
import dev.gpt1spark.task.TaskResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Streams documents through a task: reads a batch of lines, prints one JSON line per input line, in
 * order. A bad line is printed with an {@code error}; it never stops the stream.
 */
final class JsonLinesRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DocumentTask task;
    private final int batchDocs;
    private final PrintWriter out;
    private long rowsSeen;

    JsonLinesRunner(DocumentTask task, int batchDocs, PrintWriter out) {
        if (batchDocs < 1) {
            throw new IllegalArgumentException("--batch-docs must be >= 1, got " + batchDocs);
        }
        this.task = task;
        this.batchDocs = batchDocs;
        this.out = out;
    }

    /** Processes {@code --text} values, or else every line of {@code in}. */
    void run(List<String> texts, InputStream in) {
        if (texts != null) {
            List<InputRow> rows = new ArrayList<>();
            texts.forEach(t -> rows.add(InputRow.plain(t)));
            process(rows);
            return;
        }
        // Malformed UTF-8 becomes U+FFFD, which the tokenizer drops (as Hugging Face does).
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<InputRow> batch = new ArrayList<>(batchDocs);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                batch.add(InputRow.parse(line));
                if (batch.size() == batchDocs) {
                    process(batch);
                    batch.clear();
                }
            }
            process(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
    }

    /** A line with the key of its random stream. */
    private record Keyed(InputRow row, String key) {}

    private void process(List<InputRow> rows) {
        List<Keyed> keyed = new ArrayList<>(rows.size());
        for (InputRow row : rows) {
            // Without an id, the row number keys the row's random stream.
            keyed.add(new Keyed(row, row.id() != null ? row.id() : Long.toString(rowsSeen)));
            rowsSeen++;
        }
        List<TaskResult> results =
                SetAside.process(
                        keyed,
                        k -> k.row().error(),
                        task.fields().size(),
                        good ->
                                task.process(
                                        good.stream()
                                                .map(
                                                        k ->
                                                                new Document(
                                                                        k.key(),
                                                                        k.row().text(),
                                                                        k.row().text2()))
                                                .toList()));
        for (int i = 0; i < rows.size(); i++) {
            print(rows.get(i).id(), results.get(i));
        }
        out.flush();
    }

    private void print(String id, TaskResult result) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (id != null) {
            line.put("id", id);
        }
        List<OutputField> fields = task.fields();
        for (int f = 0; f < fields.size(); f++) {
            line.put(fields.get(f).name(), result.values()[f]);
        }
        line.put("error", result.error());
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }
}
