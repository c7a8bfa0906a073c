package dev.gpt1spark.ml;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.MicroBatches;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.spark.DocumentTransform;
import dev.gpt1spark.spark.ModelHandle;
import dev.gpt1spark.task.TaskSpec;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A GPT-1 task as a Spark ML {@link Transformer}: every input row gives one output row with all
 * input columns, the task's columns and {@code error} (null when the row succeeded), the latter two
 * named with {@link #outputPrefix()} in front.
 *
 * <p>The checkpoint is read on the driver and broadcast once per transformer instance, on its first
 * {@link #transform}; later calls (and copies) reuse it while {@link #modelPath()} and {@link
 * #nHead()} stay the same and the Spark session lives; a new {@link #precision()} reuses it too.
 * Executors build one model per JVM and precision from the broadcast.
 *
 * <pre>{@code
 * Dataset<Row> scored =
 *         new Gpt1ScoreTransformer().setModelPath("/models/gpt1").setTextCol("body").transform(docs);
 * }</pre>
 *
 * <p>Several stages can share a DataFrame when each has its own prefix, e.g. {@code
 * setOutputPrefix("score_")} gives {@code score_nll}, …, {@code score_error}.
 *
 * @param <T> the concrete transformer, which the setters return
 */
public abstract class Gpt1Transformer<T extends Gpt1Transformer<T>> extends Transformer
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> modelPath;
    private final IntParam nHead;
    private final Param<String> precision;
    private final Param<String> textCol;
    private final Param<String> idCol;
    private final IntParam batchDocs;
    private final IntParam batchTokens;
    private final Param<String> outputPrefix;

    /** The checkpoint this instance broadcast last; not serialised, so never shipped. */
    private transient volatile LoadedModel loaded;

    protected Gpt1Transformer(String uid) {
        this.uid = uid;
        modelPath =
                new Param<>(
                        this,
                        "modelPath",
                        "checkpoint folder on the driver, Hugging Face or original OpenAI format",
                        Validators.nonEmpty());
        nHead =
                new IntParam(
                        this,
                        "nHead",
                        "attention heads of an original-format checkpoint without config.json;"
                                + " 0 to infer them",
                        ParamValidators.gtEq(0));
        precision =
                new Param<>(
                        this,
                        "precision",
                        "number type the model computes in: fp32, fp16 or bf16 (outputs stay"
                                + " float32); not for tokenize",
                        ParamValidators.inArray(labels()));
        textCol =
                new Param<>(
                        this,
                        "textCol",
                        "input column holding the documents",
                        Validators.nonEmpty());
        idCol =
                new Param<>(
                        this,
                        "idCol",
                        "input column whose value seeds each document's random stream; \"\" to"
                                + " seed by the text");
        batchDocs =
                new IntParam(
                        this,
                        "batchDocs",
                        "documents handed to the model together",
                        ParamValidators.gtEq(1));
        batchTokens =
                new IntParam(
                        this,
                        "batchTokens",
                        "token budget of one forward pass, rows × longest row",
                        ParamValidators.gtEq(1));
        outputPrefix =
                new Param<>(
                        this,
                        "outputPrefix",
                        "prefix of every output column name, error included, so that several"
                                + " stages can share a DataFrame");
        setDefault(nHead, 0);
        setDefault(precision, Precision.DEFAULT.label());
        setDefault(textCol, "text");
        setDefault(idCol, "");
        setDefault(batchDocs, 256);
        setDefault(batchTokens, MicroBatches.FORWARD_BATCH_TOKENS);
        setDefault(outputPrefix, "");
    }

    /** The precision labels, as {@code --precision} takes them. */
    private static List<String> labels() {
        return Arrays.stream(Precision.values()).map(Precision::label).toList();
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The task the current params describe. */
    public abstract TaskSpec taskSpec();

    /**
     * Checks the params against the model on the driver, before any work, so that a setting the
     * checkpoint cannot run fails once with a clear message instead of in every task.
     */
    protected void checkModel(ModelConfig config) {}

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType schema = transformSchema(dataset.schema());
        TaskSpec spec = taskSpec();
        ModelHandle model = isDefined(modelPath) ? model(dataset.sparkSession()) : null;
        if (model != null) {
            ModelConfig config = model.checkpoint().config();
            spec.check(config);
            checkModel(config);
        }
        // DocumentTransform names its output columns as the task does and refuses an input
        // column of those names; with a prefix such a column is legal, so it is renamed on the
        // way in and back on the way out.
        Dataset<Row> input = dataset.toDF();
        String[] names = StageSchema.withoutTaskNames(input.schema(), spec);
        int text = Arrays.asList(input.columns()).indexOf(getTextCol());
        int id = getIdCol().isEmpty() ? -1 : Arrays.asList(input.columns()).indexOf(getIdCol());
        Dataset<Row> out =
                DocumentTransform.apply(
                        input.toDF(names),
                        names[text],
                        id < 0 ? null : names[id],
                        model,
                        spec,
                        getBatchDocs());
        return out.toDF(schema.fieldNames());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        TaskSpec spec = taskSpec();
        if (spec.needsModel() && !isDefined(modelPath)) {
            throw new IllegalArgumentException(
                    uid + ": modelPath is not set (" + spec.command() + " needs a checkpoint)");
        }
        return StageSchema.output(uid, schema, spec, getTextCol(), getIdCol(), getOutputPrefix());
    }

    /** The broadcast checkpoint of {@link #modelPath()}: read on the first call, then reused. */
    synchronized ModelHandle model(SparkSession spark) {
        String path = getModelPath();
        int heads = getNHead();
        Precision type = Precision.parse(getPrecision());
        if (loaded == null || !loaded.serves(spark, path, heads)) {
            loaded = LoadedModel.load(spark, path, heads, type);
        } else if (loaded.handle().precision() != type) {
            loaded = loaded.in(type);
        }
        return loaded.handle();
    }

    /** A copy with the same params and {@code extra} on top, sharing the broadcast checkpoint. */
    @Override
    public T copy(ParamMap extra) {
        T copy = defaultCopy(extra);
        ((Gpt1Transformer<T>) copy).loaded = loaded;
        return copy;
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    /** Checkpoint folder on the driver, Hugging Face or original OpenAI format (no default). */
    public Param<String> modelPath() {
        return modelPath;
    }

    /** Heads of an original-format checkpoint without config.json; 0 (default) to infer them. */
    public IntParam nHead() {
        return nHead;
    }

    /**
     * The number type the model computes in: "fp32" (default), "fp16" or "bf16", as {@code
     * --precision}; outputs stay float32. Not for tokenize, which runs no model.
     */
    public Param<String> precision() {
        return precision;
    }

    /** The input column holding the documents (default "text"); it must be a string column. */
    public Param<String> textCol() {
        return textCol;
    }

    /**
     * The input column whose value (as a string) seeds each document's random stream, so that a
     * sampled continuation does not depend on the partitioning; "" (default) seeds by the text.
     */
    public Param<String> idCol() {
        return idCol;
    }

    /** Documents handed to the model together (default 256). */
    public IntParam batchDocs() {
        return batchDocs;
    }

    /**
     * Token budget of one batch, rows × longest row (default 512, generate 8192); not for tokenize.
     */
    public IntParam batchTokens() {
        return batchTokens;
    }

    /** Prefix of every output column name, {@code error} included (default "": none). */
    public Param<String> outputPrefix() {
        return outputPrefix;
    }

    /** The checkpoint folder, or null when not set. */
    public String getModelPath() {
        return isDefined(modelPath) ? getOrDefault(modelPath) : null;
    }

    public int getNHead() {
        return (Integer) getOrDefault(nHead);
    }

    public String getPrecision() {
        return getOrDefault(precision);
    }

    public String getTextCol() {
        return getOrDefault(textCol);
    }

    public String getIdCol() {
        return getOrDefault(idCol);
    }

    public int getBatchDocs() {
        return (Integer) getOrDefault(batchDocs);
    }

    public int getBatchTokens() {
        return (Integer) getOrDefault(batchTokens);
    }

    public String getOutputPrefix() {
        return getOrDefault(outputPrefix);
    }

    public T setModelPath(String value) {
        set(modelPath, value);
        return self();
    }

    public T setNHead(int value) {
        set(nHead, value);
        return self();
    }

    public T setPrecision(String value) {
        set(precision, value);
        return self();
    }

    public T setTextCol(String value) {
        set(textCol, value);
        return self();
    }

    public T setIdCol(String value) {
        set(idCol, value);
        return self();
    }

    public T setBatchDocs(int value) {
        set(batchDocs, value);
        return self();
    }

    public T setBatchTokens(int value) {
        set(batchTokens, value);
        return self();
    }

    public T setOutputPrefix(String value) {
        set(outputPrefix, value);
        return self();
    }
}
