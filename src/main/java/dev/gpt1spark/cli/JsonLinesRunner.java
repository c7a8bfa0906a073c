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
 * Streams documents through a task: reads a batch of lines, prints one JSON line per input line
 * (one per sample with several return sequences), in order. A bad line is printed with an {@code
 * error}; it never stops the stream.
 */
final class JsonLinesRunner {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DocumentTask task;
    private final int batchDocs;
    private final PrintWriter out;
    private final int samples;
    private final boolean indexesSamples;
    private final Map<String, String> rowColumns;
    private long rowsSeen;

    JsonLinesRunner(DocumentTask task, int batchDocs, PrintWriter out) {
        this(task, batchDocs, out, 1, false, Map.of());
    }

    /**
     * @param samples lines per input line, one per sample (generate's num-return-sequences)
     * @param indexesSamples print each line's {@code sample_index} after the id
     * @param rowColumns the keys of JSON lines that give a line its own value of a setting, by
     *     setting key
     */
    JsonLinesRunner(
            DocumentTask task,
            int batchDocs,
            PrintWriter out,
            int samples,
            boolean indexesSamples,
            Map<String, String> rowColumns) {
        if (batchDocs < 1) {
            throw new IllegalArgumentException("--batch-docs must be >= 1, got " + batchDocs);
        }
        this.task = task;
        this.batchDocs = batchDocs;
        this.out = out;
        this.samples = samples;
        this.indexesSamples = indexesSamples;
        this.rowColumns = rowColumns;
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

    /** A line (one of its samples) with the key of its random stream. */
    private record Keyed(InputRow row, String key, int sample) {}

    private void process(List<InputRow> rows) {
        List<Keyed> keyed = new ArrayList<>(rows.size() * samples);
        for (InputRow row : rows) {
            // Without an id, the row number keys the row's random stream.
            String key = row.id() != null ? row.id() : Long.toString(rowsSeen);
            for (int k = 0; k < samples; k++) {
                keyed.add(new Keyed(row, key, k));
            }
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
                                                                        k.row().text2(),
                                                                        k.sample(),
                                                                        k.row().cells(rowColumns)))
                                                .toList()));
        for (int i = 0; i < keyed.size(); i++) {
            print(keyed.get(i), results.get(i));
        }
        out.flush();
    }

    private void print(Keyed keyed, TaskResult result) {
        Map<String, Object> line = new LinkedHashMap<>();
        if (keyed.row().id() != null) {
            line.put("id", keyed.row().id());
        }
        if (indexesSamples) {
            line.put("sample_index", keyed.sample());
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
