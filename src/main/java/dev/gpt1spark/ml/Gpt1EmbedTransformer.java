package dev.gpt1spark.ml;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.EmbedOptions;
import dev.gpt1spark.inference.LongInput;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.task.EmbedSpec;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Embeds each document: the last block's hidden states pooled over its real tokens.
 *
 * <p>Output columns, after the input's: {@code embedding array<float>} (n_embd values), {@code
 * n_tokens int}, {@code truncated boolean}, {@code n_windows int}, {@code error string}.
 *
 * <pre>{@code
 * new Gpt1EmbedTransformer().setModelPath("/models/gpt1").setPooling("last").setNormalize(true)
 * }</pre>
 */
public final class Gpt1EmbedTransformer extends Gpt1Transformer<Gpt1EmbedTransformer> {
    private static final long serialVersionUID = 1L;

    private final Param<String> pooling;
    private final BooleanParam normalize;
    private final Param<String> longInput;
    private final IntParam windowStride;

    public Gpt1EmbedTransformer() {
        this(Identifiable.randomUID("gpt1Embed"));
    }

    public Gpt1EmbedTransformer(String uid) {
        super(uid);
        pooling =
                new Param<>(
                        this,
                        "pooling",
                        "how token states become one vector: mean, last or max",
                        ParamValidators.inArray(List.of("mean", "last", "max")));
        normalize = new BooleanParam(this, "normalize", "scale each embedding to unit L2 norm");
        longInput =
                new Param<>(
                        this,
                        "longInput",
                        "documents longer than n_positions: truncate (keep the first n_positions"
                                + " tokens) or window (pool overlapping windows)",
                        ParamValidators.inArray(List.of("truncate", "window")));
        windowStride =
                new IntParam(
                        this,
                        "windowStride",
                        "tokens between window starts with longInput window, at most n_positions;"
                                + " 0 for n_positions / 2",
                        ParamValidators.gtEq(0));
        setDefault(pooling, "mean");
        setDefault(normalize, false);
        setDefault(longInput, "truncate");
        setDefault(windowStride, 0);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1EmbedTransformer> read() {
        return new DefaultParamsReadable<Gpt1EmbedTransformer>() {}.read();
    }

    public static Gpt1EmbedTransformer load(String path) {
        return read().load(path);
    }

    @Override
    public TaskSpec taskSpec() {
        return new EmbedSpec(
                new EmbedOptions(
                        Pooling.parse(getPooling()),
                        getNormalize(),
                        LongInput.parse(getLongInput()),
                        getWindowStride(),
                        getBatchTokens()));
    }

    @Override
    protected void checkModel(ModelConfig config) {
        if (LongInput.parse(getLongInput()) == LongInput.WINDOW
                && getWindowStride() > config.nPositions()) {
            throw new IllegalArgumentException(
                    uid()
                            + ": windowStride "
                            + getWindowStride()
                            + " exceeds the model's n_positions "
                            + config.nPositions());
        }
    }

    /** How token states become one vector: "mean" (default), "last" or "max". */
    public Param<String> pooling() {
        return pooling;
    }

    /** Scale each embedding to unit L2 norm (default false). */
    public BooleanParam normalize() {
        return normalize;
    }

    /** Documents longer than n_positions: "truncate" (default) or "window". */
    public Param<String> longInput() {
        return longInput;
    }

    /** Tokens between window starts, at most n_positions; 0 (default) for n_positions / 2. */
    public IntParam windowStride() {
        return windowStride;
    }

    public String getPooling() {
        return getOrDefault(pooling);
    }

    public boolean getNormalize() {
        return (Boolean) getOrDefault(normalize);
    }

    public String getLongInput() {
        return getOrDefault(longInput);
    }

    public int getWindowStride() {
        return (Integer) getOrDefault(windowStride);
    }

    public Gpt1EmbedTransformer setPooling(String value) {
        set(pooling, value);
        return this;
    }

    public Gpt1EmbedTransformer setNormalize(boolean value) {
        set(normalize, value);
        return this;
    }

    public Gpt1EmbedTransformer setLongInput(String value) {
        set(longInput, value);
        return this;
    }

    public Gpt1EmbedTransformer setWindowStride(int value) {
        set(windowStride, value);
        return this;
    }
}
