package dev.gpt1spark.ml;

import static dev.gpt1spark.task.TaskSettings.LONG_INPUT;
import static dev.gpt1spark.task.TaskSettings.NORMALIZE;
import static dev.gpt1spark.task.TaskSettings.POOLING;
import static dev.gpt1spark.task.TaskSettings.WINDOW_STRIDE;

import dev.gpt1spark.task.TaskKind;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
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
 *
 * <p>Params, defaults and checks come from the embed settings ({@link
 * dev.gpt1spark.task.TaskSettings}).
 */
public final class Gpt1EmbedTransformer extends Gpt1Transformer<Gpt1EmbedTransformer> {
    private static final long serialVersionUID = 1L;

    public Gpt1EmbedTransformer() {
        this(Identifiable.randomUID("gpt1Embed"));
    }

    public Gpt1EmbedTransformer(String uid) {
        super(uid, TaskKind.EMBED);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1EmbedTransformer> read() {
        return new DefaultParamsReadable<Gpt1EmbedTransformer>() {}.read();
    }

    public static Gpt1EmbedTransformer load(String path) {
        return read().load(path);
    }

    /** How token states become one vector: "mean", "last" or "max". */
    @SuppressWarnings("unchecked")
    public Param<String> pooling() {
        return (Param<String>) param(POOLING);
    }

    /** Scale each embedding to unit L2 norm. */
    public BooleanParam normalize() {
        return (BooleanParam) param(NORMALIZE);
    }

    /** Documents longer than n_positions: "truncate" or "window". */
    @SuppressWarnings("unchecked")
    public Param<String> longInput() {
        return (Param<String>) param(LONG_INPUT);
    }

    /** Tokens between window starts, at most n_positions; 0 for n_positions / 2. */
    public IntParam windowStride() {
        return (IntParam) param(WINDOW_STRIDE);
    }

    public String getPooling() {
        return paramValue(POOLING);
    }

    public boolean getNormalize() {
        return this.<Boolean>paramValue(NORMALIZE);
    }

    public String getLongInput() {
        return paramValue(LONG_INPUT);
    }

    public int getWindowStride() {
        return this.<Integer>paramValue(WINDOW_STRIDE);
    }

    public Gpt1EmbedTransformer setPooling(String value) {
        return setParam(POOLING, value);
    }

    public Gpt1EmbedTransformer setNormalize(boolean value) {
        return setParam(NORMALIZE, value);
    }

    public Gpt1EmbedTransformer setLongInput(String value) {
        return setParam(LONG_INPUT, value);
    }

    public Gpt1EmbedTransformer setWindowStride(int value) {
        return setParam(WINDOW_STRIDE, value);
    }
}
