package dev.gpt1spark.spark;

import dev.gpt1spark.inference.BatchMeter;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.TorchThreads;
import dev.gpt1spark.task.Document;
import dev.gpt1spark.task.DocumentTask;
import dev.gpt1spark.task.SetAside;
import dev.gpt1spark.task.TaskResult;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.TaskCompletionListener;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs a task over one partition: reads {@code batchDocs} rows at a time, hands the documents to
 * the task (which tokenizes, sorts by length and packs micro-batches), and emits exactly one output
 * row per input row, in input order. The model is the JVM's shared one; the task (its predictors)
 * belongs to this partition's thread and is closed with it.
 */
final class PartitionRunner
        implements FlatMapFunction<Iterator<Row>, Row>, MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ModelHandle model;
    private final TaskSpec spec;
    private final RowLayout layout;
    private final int batchDocs;
    private final JobCounters counters;

    /**
     * @param model the broadcast checkpoint, or null for a task that needs none
     * @param counters accumulators to update, or null
     */
    PartitionRunner(
            ModelHandle model,
            TaskSpec spec,
            RowLayout layout,
            int batchDocs,
            JobCounters counters) {
        if (model == null && spec.needsModel()) {
            throw new IllegalArgumentException(spec.command() + " needs a model checkpoint");
        }
        TaskSettings.BATCH_DOCS.check(batchDocs);
        this.model = model;
        this.spec = spec;
        this.layout = layout;
        this.batchDocs = batchDocs;
        this.counters = counters;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> input) {
        TaskContext context = TaskContext.get();
        if (context != null) {
            // One intra-op thread pool per task thread, as wide as the cores Spark gave the task.
            TorchThreads.set(Math.max(1, context.cpus()));
        }
        Gpt1Model gpt1 = model == null ? null : model.model();
        DocumentTask task = spec.create(gpt1);
        AtomicBoolean open = new AtomicBoolean(true);
        Runnable close =
                () -> {
                    if (open.getAndSet(false)) {
                        task.close();
                    }
                };
        if (context != null) {
            // Also on failure or when the consumer stops early.
            context.addTaskCompletionListener((TaskCompletionListener) ctx -> close.run());
        }
        return new Batches(input, task, close);
    }

    /** Pulls one batch of input rows at a time and yields their output rows. */
    private final class Batches implements Iterator<Row> {
        private final Iterator<Row> input;
        private final DocumentTask task;
        private final Runnable close;
        private Iterator<Row> ready = List.<Row>of().iterator();

        Batches(Iterator<Row> input, DocumentTask task, Runnable close) {
            this.input = input;
            this.task = task;
            this.close = close;
        }

        @Override
        public boolean hasNext() {
            while (!ready.hasNext() && input.hasNext()) {
                ready = process(next(input)).iterator();
            }
            if (!ready.hasNext()) {
                close.run();
            }
            return ready.hasNext();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.next();
        }

        private List<Row> next(Iterator<Row> rows) {
            List<Row> batch = new ArrayList<>(batchDocs);
            while (batch.size() < batchDocs && rows.hasNext()) {
                batch.add(rows.next());
            }
            return batch;
        }

        private List<Row> process(List<Row> rows) {
            List<TaskResult> results =
                    SetAside.process(
                            rows,
                            this::inputError,
                            spec.fields().size(),
                            good -> processMetered(good.stream().map(this::document).toList()));
            List<Row> out = new ArrayList<>(rows.size());
            long tokens = 0;
            long errors = 0;
            for (int i = 0; i < rows.size(); i++) {
                out.add(outputRow(rows.get(i), results.get(i)));
                tokens += results.get(i).tokens();
                errors += results.get(i).error() == null ? 0 : 1;
            }
            if (counters != null) {
                counters.rows.add(rows.size());
                counters.tokens.add(tokens);
                counters.errors.add(errors);
            }
            return out;
        }

        /** Why a row cannot be processed (the reader's error, a text that is not a string). */
        private String inputError(Row row) {
            int error = layout.inputErrorIndex();
            if (error >= 0 && row.getString(error) != null) {
                return row.getString(error);
            }
            Object text = row.get(layout.textIndex());
            return text != null && !(text instanceof String) ? "text is not a string" : null;
        }

        private Document document(Row row) {
            String text = row.getString(layout.textIndex());
            String text2 = layout.text2Index() < 0 ? null : row.getString(layout.text2Index());
            int sample = layout.sampleIndex() < 0 ? 0 : row.getInt(layout.sampleIndex());
            Map<String, Object> cells = new HashMap<>();
            layout.rowValueIndices()
                    .forEach(
                            (key, index) -> {
                                if (!row.isNullAt(index)) {
                                    cells.put(key, row.get(index));
                                }
                            });
            return new Document(seedKey(row, text), text, text2, sample, cells);
        }

        /**
         * Runs the task, counting each finished micro-batch as work in progress (documents capped
         * at the group's), which executors send to the driver with their heartbeats; the group's
         * exact counts replace it when the group is done.
         */
        private List<TaskResult> processMetered(List<Document> documents) {
            if (counters == null) {
                return task.process(documents);
            }
            long[] running = new long[2]; // documents, tokens
            BatchMeter.listen(
                    (sequences, tokens) -> {
                        long docs = Math.min(sequences, documents.size() - running[0]);
                        running[0] += docs;
                        running[1] += tokens;
                        counters.runningDocuments.add(docs);
                        counters.runningTokens.add(tokens);
                    });
            try {
                return task.process(documents);
            } finally {
                BatchMeter.clear();
                counters.runningDocuments.add(-running[0]);
                counters.runningTokens.add(-running[1]);
            }
        }

        /** The id keys a document's random stream; without an id, its text does. */
        private String seedKey(Row row, String text) {
            if (layout.idIndex() >= 0 && !row.isNullAt(layout.idIndex())) {
                return String.valueOf(row.get(layout.idIndex()));
            }
            return text == null ? "" : text;
        }

        private Row outputRow(Row input, TaskResult result) {
            int[] keep = layout.keepIndices();
            Object[] values = new Object[keep.length + result.values().length + 1];
            for (int k = 0; k < keep.length; k++) {
                values[k] = input.get(keep[k]);
            }
            for (int f = 0; f < result.values().length; f++) {
                values[keep.length + f] = external(result.values()[f]);
            }
            values[values.length - 1] = result.error();
            return RowFactory.create(values);
        }
    }

    /** Spark's row encoder takes Java arrays as they are but maps only as Scala maps. */
    private static Object external(Object value) {
        return value instanceof Map<?, ?> map ? CollectionConverters.asScala(map) : value;
    }
}
