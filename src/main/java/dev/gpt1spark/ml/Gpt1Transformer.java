package dev.gpt1spark.ml;

import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.inference.AccuracyBar;
import dev.gpt1spark.inference.PrecisionProbe;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.spark.ClassLabels;
import dev.gpt1spark.spark.DocumentTransform;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.spark.ModelHandle;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * A GPT-1 task as a Spark ML {@link Transformer}: every input row gives one output row (generate:
 * one per sample) with all input columns, the task's columns and {@code error} (null when the row
 * succeeded), the latter two named with {@link #outputPrefix()} in front, or together in one struct
 * column, {@link #outputCol()}.
 *
 * <p>The checkpoint is read on the driver and broadcast once per transformer instance, on its first
 * {@link #transform}; later calls (and copies) reuse it while {@link #modelPath()} and {@link
 * #nHead()} stay the same and the Spark session lives; a new {@link #precision()} reuses it too.
 * Executors build one model per JVM and precision from the broadcast.
 *
 * <pre>{@code
 * Dataset<Row> scored =
 *         new Gpt1ScoreTransformer().setModelPath("/models/gpt1").setInputCol("body").transform(docs);
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
    private final Param<String> inputCol;
    private final Param<String> textCol;
    private final Param<String> idCol;
    private final Param<String> outputCol;
    private final Param<String> outputPrefix;
    private final TaskKind kind;
    private Precision autoChoice; // precision "auto"'s choice for the loaded checkpoint

    /** One param per setting of {@link #settings()}, by setting key. */
    private final Map<String, Param<?>> settingParams = new LinkedHashMap<>();

    /** The checkpoint this instance broadcast last; not serialised, so never shipped. */
    private transient volatile LoadedModel loaded;

    protected Gpt1Transformer(String uid, TaskKind kind) {
        this.uid = uid;
        this.kind = kind;
        modelPath =
                new Param<>(
                        this,
                        "modelPath",
                        "checkpoint folder on the driver, Hugging Face or original OpenAI format",
                        Validators.nonEmpty());
        nHead = SettingParams.withoutDefault(this, CheckpointReader.N_HEAD, 0);
        inputCol =
                new Param<>(
                        this,
                        "inputCol",
                        "input column holding the documents",
                        Validators.nonEmpty());
        textCol =
                new Param<>(
                        this,
                        "textCol",
                        "deprecated name of inputCol, used when inputCol is not set",
                        Validators.nonEmpty());
        idCol =
                new Param<>(
                        this,
                        "idCol",
                        "input column whose value seeds each document's random stream; \"\" to"
                                + " seed by the text");
        outputCol =
                new Param<>(
                        this,
                        "outputCol",
                        "one struct column holding everything the stage adds (its fields and"
                                + " error); \"\" for flat columns named with outputPrefix");
        outputPrefix =
                new Param<>(
                        this,
                        "outputPrefix",
                        "prefix of every output column name, error included, so that several"
                                + " stages can share a DataFrame");
        setDefault(nHead, 0);
        setDefault(inputCol, InputSpec.DEFAULT_TEXT_COL); // the command line's --text-col
        setDefault(textCol, InputSpec.DEFAULT_TEXT_COL);
        setDefault(idCol, "");
        setDefault(outputCol, "");
        setDefault(outputPrefix, "");
        for (Setting<?> s : settings().list()) {
            Param<?> param = SettingParams.create(this, s);
            settingParams.put(s.key(), param);
            @SuppressWarnings("unchecked")
            Param<Object> typed = (Param<Object>) param;
            setDefault(typed, SettingParams.toParam(s, s.defaultValue()));
        }
    }

    /** The settings this stage has as params: its task's, the run settings and the precision. */
    private Settings settings() {
        return kind.options().plus(TaskSettings.PRECISION);
    }

    /** The param of one of this stage's settings. */
    protected final Param<?> param(Setting<?> setting) {
        Param<?> param = settingParams.get(setting.key());
        if (param == null) {
            throw new IllegalArgumentException(uid + " has no param for " + setting.key());
        }
        return param;
    }

    /** The current value of a setting's param, as the param holds it (floats as doubles). */
    @SuppressWarnings("unchecked")
    protected final <V> V paramValue(Setting<?> setting) {
        return (V) getOrDefault(param(setting));
    }

    /** Sets a setting's param (validated by it) and returns this stage. */
    @SuppressWarnings("unchecked")
    protected final T setParam(Setting<?> setting, Object value) {
        set((Param<Object>) param(setting), value);
        return self();
    }

    @Override
    public String uid() {
        return uid;
    }

    /** The task the current params describe. */
    public TaskSpec taskSpec() {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Setting<?> s : kind.settings().list()) {
            given.put(s.key(), SettingParams.fromParam(s, paramValue(s)));
        }
        return TaskSpec.of(kind, given);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema()); // checks the input as transformSchema documents
        TaskSpec spec = taskSpec();
        ModelHandle model = isDefined(modelPath) ? model(dataset.sparkSession()) : null;
        if (model != null) {
            // On the driver, before any work: a setting the checkpoint cannot run fails once.
            try {
                spec.check(model.checkpoint().config());
            } catch (SettingException e) {
                throw new IllegalArgumentException(uid + ": " + e.message(Spelling.PARAM), e);
            }
        }
        boolean struct = !getOutputCol().isEmpty();
        Dataset<Row> out =
                DocumentTransform.apply(
                        dataset.toDF(),
                        getInputCol(),
                        getIdCol().isEmpty() ? null : getIdCol(),
                        model,
                        spec,
                        getBatchDocs(),
                        struct ? StageSchema.STRUCT_PREFIX : getOutputPrefix());
        return struct
                ? StageSchema.pack(
                        out, dataset.columns().length, getOutputCol(), ClassLabels.of(spec, model))
                : out;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        TaskSpec spec = taskSpec();
        if (spec.needsModel() && !isDefined(modelPath)) {
            throw new IllegalArgumentException(
                    uid + ": modelPath is not set (" + spec.command() + " needs a checkpoint)");
        }
        return StageSchema.output(
                uid, schema, spec, getInputCol(), getIdCol(), getOutputPrefix(), getOutputCol());
    }

    /** The broadcast checkpoint of {@link #modelPath()}: read on the first call, then reused. */
    synchronized ModelHandle model(SparkSession spark) {
        String path = getModelPath();
        int heads = getNHead();
        // tokenize loads a model only for its tokenizer: it computes nothing to choose a type for
        Precision asked =
                kind == TaskKind.TOKENIZE ? Precision.FP32 : Precision.parseOrAuto(getPrecision());
        if (loaded == null || !loaded.serves(spark, path, heads)) {
            loaded = LoadedModel.load(spark, path, heads, asked == null ? Precision.FP32 : asked);
            autoChoice = null;
        }
        if (asked == null && autoChoice == null) {
            // chosen once per checkpoint, on the driver, from the checkpoint already broadcast
            autoChoice =
                    PrecisionProbe.choose(
                                    loaded.handle().checkpoint(), AccuracyBar.of(kind.label()))
                            .precision();
        }
        Precision type = asked == null ? autoChoice : asked;
        if (loaded.handle().precision() != type) {
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

    /** {@link CheckpointReader#N_HEAD}: 0, the default, infers the heads. */
    public IntParam nHead() {
        return nHead;
    }

    /**
     * The number type the model computes in, as {@link TaskSettings#PRECISION} declares it (its
     * words and default); outputs stay float32. Not for tokenize, which runs no model.
     */
    @SuppressWarnings("unchecked")
    public Param<String> precision() {
        return (Param<String>) param(TaskSettings.PRECISION);
    }

    /**
     * The input column holding the documents (by default the command line's {@code text-col}
     * default); it must be a string column.
     */
    public Param<String> inputCol() {
        return inputCol;
    }

    /**
     * The former name of {@link #inputCol()}, still read (from stages saved with it) when inputCol
     * is not set.
     *
     * @deprecated use {@link #inputCol()}
     */
    @Deprecated
    public Param<String> textCol() {
        return textCol;
    }

    /**
     * One struct column holding everything the stage adds: generate's sample_index, the task's
     * fields and error; "" (default) adds them as flat columns named with {@link #outputPrefix()}.
     */
    public Param<String> outputCol() {
        return outputCol;
    }

    /**
     * The input column whose value (as a string) seeds each document's random stream, so that a
     * sampled continuation does not depend on the partitioning; "" (default) seeds by the text.
     */
    public Param<String> idCol() {
        return idCol;
    }

    /** Documents handed to the model together ({@link TaskSettings#BATCH_DOCS}). */
    public IntParam batchDocs() {
        return (IntParam) param(TaskSettings.BATCH_DOCS);
    }

    /**
     * Token budget of one batch, rows × longest row ({@link TaskSettings#BATCH_TOKENS}, generate's
     * {@link TaskSettings#GENERATE_BATCH_TOKENS}); not for tokenize.
     */
    public IntParam batchTokens() {
        return (IntParam) param(TaskSettings.BATCH_TOKENS);
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
        return paramValue(TaskSettings.PRECISION);
    }

    /** {@link #inputCol()} when set, else the deprecated {@link #textCol()}. */
    public String getInputCol() {
        return isSet(inputCol) || !isSet(textCol) ? getOrDefault(inputCol) : getOrDefault(textCol);
    }

    /**
     * @deprecated use {@link #getInputCol()}
     */
    @Deprecated
    public String getTextCol() {
        return getInputCol();
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    public String getIdCol() {
        return getOrDefault(idCol);
    }

    public int getBatchDocs() {
        return this.<Integer>paramValue(TaskSettings.BATCH_DOCS);
    }

    public int getBatchTokens() {
        return this.<Integer>paramValue(TaskSettings.BATCH_TOKENS);
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
        return setParam(TaskSettings.PRECISION, value);
    }

    public T setInputCol(String value) {
        set(inputCol, value);
        return self();
    }

    /**
     * @deprecated use {@link #setInputCol(String)}
     */
    @Deprecated
    public T setTextCol(String value) {
        set(textCol, value);
        return self();
    }

    public T setOutputCol(String value) {
        set(outputCol, value);
        return self();
    }

    public T setIdCol(String value) {
        set(idCol, value);
        return self();
    }

    public T setBatchDocs(int value) {
        return setParam(TaskSettings.BATCH_DOCS, value);
    }

    public T setBatchTokens(int value) {
        return setParam(TaskSettings.BATCH_TOKENS, value);
    }

    public T setOutputPrefix(String value) {
        set(outputPrefix, value);
        return self();
    }
}
