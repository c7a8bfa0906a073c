package dev.gpt1spark.spark;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.task.TaskSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * A gpt1-spark job: corpus in, one Parquet row per input row out.
 *
 * <p>Rows are spread over a fixed number of chunks by a hash of their id; each chunk is one task
 * and one output file, committed when the task finishes (FileOutputCommitter algorithm 2: a
 * committed task's file is final even if the driver dies later). So a retried task or a resumed run
 * never duplicates rows: {@code --mode resume} recomputes exactly the chunks without a file.
 */
public final class JobRunner {
    /** The run summary's file name in the output folder. */
    public static final String SUMMARY_FILE = OutputFolder.SUMMARY_FILE;

    /** The job file's key for the input files' fingerprints. */
    private static final String INPUT_FILES = "input_files";

    private JobRunner() {}

    /** Runs the job and returns its summary (also written beside the output). */
    public static Map<String, Object> run(SparkSession spark, JobOptions options) {
        long started = System.nanoTime();
        String command = options.spec().command();
        JobName.set(spark, options);
        try {
            return run(spark, options, started);
        } catch (Exception e) { // Spark's own failures are checked SparkExceptions
            RuntimeException explained =
                    JobFailure.explain(
                            e, options.output() != null ? options.output() : options.outputTable());
            if (explained != null) {
                throw explained;
            }
            throw e;
        } finally {
            JobName.clear(spark);
        }
    }

    private static Map<String, Object> run(SparkSession spark, JobOptions options, long started) {
        String command = options.spec().command();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        TableOutput table =
                options.outputTable() == null ? null : TableOutput.of(spark, options.outputTable());
        String output =
                table != null && options.output() == null
                        ? TableOutput.defaultStaging(spark, table.name())
                        : options.output();
        OutputMode mode = table == null ? options.mode() : TableOutput.stagingMode(options.mode());
        if (table == null && mode == OutputMode.APPEND) {
            throw new IllegalArgumentException(
                    "Cannot append to the folder " + output + ": append is for table outputs");
        }
        if (!options.input().isTable()) {
            OutputOverlap.check(output, options.input().path(), conf);
        }
        OutputFolder out = new OutputFolder(output, conf);
        if (mode == OutputMode.ERROR) {
            out.refuseExisting();
        }
        if (table != null) {
            table.check(spark, options.mode());
            if (mode == OutputMode.RESUME && out.readJob() == null) {
                throw new IllegalArgumentException(
                        "Cannot resume the job of table "
                                + table.name()
                                + ": its staging folder "
                                + output
                                + " holds no job (it finished and published, or never started)");
            }
        }

        ModelHandle model =
                options.model() == null
                        ? null
                        : ModelHandle.load(spark, options.model(), options.nHead(), Precision.FP32);
        if (model == null && options.spec().needsModel()) {
            throw new IllegalArgumentException(command + " needs a model checkpoint");
        }
        Map<String, Object> precisionRecord = Map.of();
        if (model != null) {
            options.spec().check(model.checkpoint().config());
            options.spec().checkText2(model.checkpoint().config(), options.input().text2Col());
            AutoPrecision.Resolved resolved =
                    AutoPrecision.resolve(
                            command,
                            model,
                            options.precision(),
                            mode == OutputMode.RESUME ? out.readJob() : null);
            model = resolved.model();
            precisionRecord = resolved.record();
        }
        Map<String, Setting<?>> extraCols = new LinkedHashMap<>();
        options.spec()
                .rowColumns()
                .forEach(
                        (key, column) ->
                                extraCols.putIfAbsent(
                                        column,
                                        options.spec()
                                                .kind()
                                                .settings()
                                                .find(key + "-col")
                                                .orElseThrow()));
        Corpus corpus = CorpusReader.open(spark, options.input(), extraCols);
        Dataset<Row> rows = corpus.rows();
        long rowsIn = corpus.rowCount().isPresent() ? corpus.rowCount().getAsLong() : rows.count();

        // Every check is done: from here on the output folder is this job's alone.
        // JobName put this job's Spark jobs in a group: losing the lease cancels them.
        String group = spark.sparkContext().getLocalProperty("spark.jobGroup.id");
        Runnable cancel = () -> spark.sparkContext().cancelJobGroup(group);
        Map<String, Object> summary;
        try (OutputLease lease = out.lease(command, mode != OutputMode.ERROR, cancel)) {
            prepare(out, mode);
            summary =
                    write(
                            spark,
                            options,
                            out,
                            model,
                            precisionRecord,
                            rows,
                            rowsIn,
                            lease,
                            started);
            if (table != null) {
                publish(spark, table, out, summary);
            }
        }
        if (table != null) {
            out.delete(); // published: the rows live in the table now
        }
        return summary;
    }

    /** Publishes the staged rows to the table once, even when a resume finds them published. */
    private static void publish(
            SparkSession spark, TableOutput table, OutputFolder out, Map<String, Object> summary) {
        Map<String, Object> job = out.readJob();
        String publishId = (String) job.get(TableOutput.PUBLISH_ID);
        OutputMode tableMode = OutputMode.valueOf((String) job.get("table_mode"));
        if (!table.published(spark, publishId)) {
            table.publish(spark, spark.read().parquet(out.path()), tableMode, publishId, summary);
        }
    }

    private static Map<String, Object> write(
            SparkSession spark,
            JobOptions options,
            OutputFolder out,
            ModelHandle model,
            Map<String, Object> precisionRecord,
            Dataset<Row> rows,
            long rowsIn,
            OutputLease lease,
            long started) {
        String command = options.spec().command();
        Map<String, Object> job = describe(options, out, model, precisionRecord, rowsIn, spark);
        Map<String, Object> previous = out.readJob();
        int chunks;
        if (previous != null) {
            checkSameJob(previous, job, out);
            chunks = ((Number) previous.get("partitions")).intValue();
            if (options.partitions() > 0 && options.partitions() != chunks) {
                throw new SettingException(
                        "Cannot resume " + out.path() + ": it was written with ",
                        JobSettings.PARTITIONS,
                        " " + chunks + ", now " + options.partitions(),
                        " (chunks are made by the partition count); leave ",
                        JobSettings.PARTITIONS,
                        " out or use ",
                        JobSettings.MODE,
                        " overwrite");
            }
        } else {
            chunks =
                    options.partitions() > 0
                            ? options.partitions()
                            : ChunkPlan.forJob(
                                    spark,
                                    rows,
                                    rowsIn,
                                    options.spec(),
                                    model == null ? null : model.checkpoint().config());
            job.put("partitions", chunks);
            out.writeJson(OutputFolder.JOB_FILE, job);
        }
        Set<Integer> done = out.committedChunks();

        if (options.spec().indexesSamples()) {
            rows = withSampleIndex(rows, options.spec());
        }
        StructType corpusSchema = rows.schema();
        int text = corpusSchema.fieldIndex(InternalColumns.TEXT);
        // id, the per-row settings' cells, then the kept columns come before the text
        List<String> cellColumns =
                List.copyOf(new LinkedHashSet<>(options.spec().rowColumns().values()));
        int[] kept = new int[text - cellColumns.size()];
        Arrays.setAll(kept, i -> i == 0 ? 0 : i + cellColumns.size());
        Map<String, Integer> cells = new LinkedHashMap<>();
        options.spec()
                .rowColumns()
                .forEach((key, column) -> cells.put(key, 1 + cellColumns.indexOf(column)));
        int text2 =
                options.input().text2Col() == null
                        ? -1
                        : corpusSchema.fieldIndex(InternalColumns.TEXT2);
        RowLayout layout =
                new RowLayout(
                        0,
                        text,
                        text2,
                        corpusSchema.fieldIndex(InternalColumns.INPUT_ERROR),
                        kept,
                        options.spec().indexesSamples()
                                ? corpusSchema.fieldIndex(OutputColumns.SAMPLE_INDEX)
                                : -1,
                        cells);
        StructType schema =
                ClassLabels.annotate(
                        OutputSchema.of(
                                DocumentTransform.fields(corpusSchema, kept),
                                options.spec().fields()),
                        ClassLabels.of(options.spec(), model));
        JobCounters counters = new JobCounters(spark);
        PartitionRunner runner =
                new PartitionRunner(model, options.spec(), layout, options.batchDocs(), counters);

        final int k = chunks;
        JavaRDD<Row> results =
                rows.javaRDD()
                        .mapToPair(r -> new Tuple2<>(Chunks.of(r.get(0), k), r))
                        .filter(t -> !done.contains(t._1()))
                        .partitionBy(new Chunks(k))
                        .values()
                        .mapPartitions(runner);
        int samples = options.spec().samplesPerRow();
        long remaining =
                rowsIn * samples
                        - (done.isEmpty() ? 0 : readOutput(spark, options, schema, out).count());
        List<Map<String, Object>> throughput;
        try (ProgressReporter progress =
                new ProgressReporter(command, counters, remaining, options.progressSeconds())) {
            // The job's commit setting after the user's options: exactly-once rests on it.
            spark.createDataFrame(results, schema)
                    .write()
                    .mode(SaveMode.Append)
                    .options(options.outputOptions())
                    .option("mapreduce.fileoutputcommitter.algorithm.version", "2")
                    .format(options.outputFormat())
                    .save(out.path());
            throughput = progress.throughput();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Dataset<Row> written = readOutput(spark, options, schema, out);
        Map<String, Object> summary = new LinkedHashMap<>(job);
        summary.remove(INPUT_FILES); // in the job file; too long for a summary line
        summary.put("rows_in", rowsIn);
        summary.put("rows_out", written.count());
        summary.put(
                "rows_with_error",
                written.filter(functions.col(OutputColumns.ERROR).isNotNull()).count());
        summary.put("chunks_resumed", done.size());
        summary.put("rows_this_run", counters.rows());
        summary.put("tokens_this_run", counters.tokens());
        summary.put("wall_s", Math.round(seconds * 1000) / 1000.0);
        summary.put("tokens_per_s", Math.round(counters.tokens() / Math.max(seconds, 1e-9)));
        summary.put("finished_at", Instant.now().toString());
        summary.put("throughput", throughput); // this run's, resumed chunks excluded
        summary.putAll(OutputDistributions.summary(written, options.spec().fields()));
        lease.checkHeld();
        out.writeJson(OutputFolder.SUMMARY_FILE, summary);
        checkRowsPerInputRow(summary, out, samples);
        return summary;
    }

    /**
     * A run whose output does not hold exactly one row per input row (one per sample with several
     * return sequences) fails, whatever the cause.
     */
    private static void checkRowsPerInputRow(
            Map<String, Object> summary, OutputFolder out, int samples) {
        long in = ((Number) summary.get("rows_in")).longValue();
        long written = ((Number) summary.get("rows_out")).longValue();
        if (in * samples != written) {
            throw new IllegalStateException(
                    samples == 1
                            ? String.format(
                                    Locale.ROOT,
                                    "%,d rows in but %,d rows out: %s does not hold exactly one"
                                            + " row per input row (summary in %s)",
                                    in,
                                    written,
                                    out.path(),
                                    OutputFolder.SUMMARY_FILE)
                            : String.format(
                                    Locale.ROOT,
                                    "%,d rows in × %d samples but %,d rows out: %s does not hold"
                                            + " exactly %d rows per input row (summary in %s)",
                                    in,
                                    samples,
                                    written,
                                    out.path(),
                                    samples,
                                    OutputFolder.SUMMARY_FILE));
        }
    }

    /**
     * The corpus with {@code sample_index} just before the text, so that it is kept with the id and
     * the kept columns (see {@link SampleRows}).
     */
    private static Dataset<Row> withSampleIndex(Dataset<Row> rows, TaskSpec spec) {
        List<Column> columns = new ArrayList<>();
        for (String name : rows.columns()) {
            if (name.equals(InternalColumns.TEXT)) {
                columns.add(SampleRows.index(spec).as(OutputColumns.SAMPLE_INDEX));
            }
            columns.add(rows.col("`" + name.replace("`", "``") + "`"));
        }
        return rows.select(columns.toArray(Column[]::new));
    }

    /** Readies a folder whose lease this job holds. */
    private static void prepare(OutputFolder out, OutputMode mode) {
        switch (mode) {
            case ERROR:
                if (!out.holdsOnlyTheLease()) {
                    // Another job wrote it between the first check and the lease.
                    throw out.alreadyExists();
                }
                return;
            case OVERWRITE:
                out.clearAllButTheLease();
                return;
            case RESUME:
                out.removeUncommitted();
                return;
            default:
                throw new IllegalStateException("unhandled mode " + mode);
        }
    }

    /** What identifies the job, written to {@code _gpt1_job.json} and compared on resume. */
    private static Map<String, Object> describe(
            JobOptions options,
            OutputFolder out,
            ModelHandle model,
            Map<String, Object> precisionRecord,
            long rowsIn,
            SparkSession spark) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("command", options.spec().command());
        job.put("model", options.model());
        job.put("model_fingerprint", model == null ? null : model.fingerprint());
        // the precision computed in (auto's choice), then how it was asked for and its drift
        job.put(
                "precision",
                model != null
                        ? model.precision().label()
                        : options.precision() == null
                                ? Precision.AUTO
                                : options.precision().label());
        job.putAll(precisionRecord);
        job.put("options", options.spec().settings());
        List<String> labels = ClassLabels.of(options.spec(), model);
        if (!labels.isEmpty()) {
            job.put("labels", labels); // which probability is which class
        }
        InputSpec in = options.input();
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("path", in.path());
        input.put("format", in.format());
        input.put("text_col", in.textCol());
        input.put("id_col", in.idCol());
        input.put("keep_cols", in.keepCols());
        if (in.text2Col() != null) {
            // Only when set, so that a run started before the option existed still resumes.
            input.put("text2_col", in.text2Col());
        }
        if (!in.options().isEmpty()) {
            input.put(JobSettings.INPUT_OPTION.name(Spelling.SUMMARY), in.options());
        }
        job.put("input", input);
        job.put("output", options.output() != null ? options.output() : out.path());
        if (!options.outputFormat().equals(JobSettings.OUTPUT_FORMAT.defaultValue())
                || !options.outputOptions().isEmpty()) {
            // Only when not the default, as above.
            Map<String, Object> writer = new LinkedHashMap<>();
            writer.put(JobSettings.OUTPUT_FORMAT.name(Spelling.SUMMARY), options.outputFormat());
            writer.put(
                    JobSettings.OUTPUT_OPTION.name(Spelling.SUMMARY),
                    new TreeMap<>(options.outputOptions()));
            job.put(OutputFolder.OUTPUT_WRITER, writer);
        }
        if (options.outputTable() != null) {
            // Only when set, so that a run started before tables existed still resumes.
            job.put("output_table", options.outputTable());
            job.put("table_mode", options.mode().name());
            job.put(TableOutput.PUBLISH_ID, UUID.randomUUID().toString());
        }
        job.put("rows_in_at_start", rowsIn);
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        job.put(
                INPUT_FILES,
                in.isTable()
                        ? InputFingerprint.ofFiles(TableInput.dataFiles(spark, in.path()), conf)
                        : InputFingerprint.of(in.path(), conf));
        job.put("spark_master", spark.sparkContext().master());
        job.put("app_id", spark.sparkContext().applicationId());
        return job;
    }

    @SuppressWarnings("unchecked")
    private static void checkSameJob(
            Map<String, Object> previous, Map<String, Object> now, OutputFolder out) {
        for (String key :
                List.of(
                        "command",
                        "model_fingerprint",
                        "precision",
                        "options",
                        "input",
                        OutputFolder.OUTPUT_WRITER,
                        "output_table",
                        "rows_in_at_start")) {
            if (key.equals("rows_in_at_start") && previous.containsKey(INPUT_FILES)) {
                // Before the row count, which a changed file moves too: this names the file.
                InputFingerprint.checkUnchanged(
                        (Map<String, Map<String, Object>>) previous.get(INPUT_FILES),
                        (Map<String, Map<String, Object>>) now.get(INPUT_FILES),
                        out.path());
            }
            Object a = normalise(previous.get(key));
            Object b = normalise(now.get(key));
            if (!Objects.equals(a, b)) {
                throw new SettingException(
                        "Cannot resume "
                                + out.path()
                                + ": it was written by a different job ("
                                + key
                                + " was "
                                + a
                                + ", now "
                                + b
                                + "); use ",
                        JobSettings.MODE,
                        " overwrite or another ",
                        JobSettings.OUTPUT);
            }
        }
    }

    /** JSON numbers come back as Integer/Double; compare their text. */
    private static Object normalise(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** The output as written: with its schema, which JSON files alone would not keep. */
    private static Dataset<Row> readOutput(
            SparkSession spark, JobOptions options, StructType schema, OutputFolder out) {
        return spark.read().schema(schema).format(options.outputFormat()).load(out.path());
    }
}
