package dev.gpt1spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.task.Document;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.OutputField;
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

    private void process(List<InputRow> rows) {
        List<Document> documents = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (InputRow row : rows) {
            // Without an id, the row number keys the row's random stream.
            String key = row.id() != null ? row.id() : Long.toString(rowsSeen);
            rowsSeen++;
            ids.add(row.id());
            if (row.error() == null) {
                documents.add(new Document(key, row.text(), row.text2()));
            }
        }
        List<TaskResult> computed = documents.isEmpty() ? List.of() : task.process(documents);
        int next = 0;
        for (int i = 0; i < rows.size(); i++) {
            InputRow row = rows.get(i);
            TaskResult result =
                    row.error() == null
                            ? computed.get(next++)
                            : TaskResult.failed(task.fields().size(), row.error());
            print(ids.get(i), result);
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
