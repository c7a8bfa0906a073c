package dev.gpt1spark.ml;

import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Scores each document under the model: the negative log-likelihood of every token after the first.
 * Documents longer than n_positions are scored in overlapping windows.
 *
 * <p>Output columns, after the input's: {@code nll double} (summed), {@code mean_nll double},
 * {@code perplexity double}, {@code n_tokens int}, {@code n_scored int}, {@code error string}.
 *
 * <p>Params, defaults and checks come from the score settings ({@link TaskSettings}).
 */
public final class Gpt1ScoreTransformer extends Gpt1Transformer<Gpt1ScoreTransformer> {
    private static final long serialVersionUID = 1L;

    public Gpt1ScoreTransformer() {
        this(Identifiable.randomUID("gpt1Score"));
    }

    public Gpt1ScoreTransformer(String uid) {
        super(uid, TaskKind.SCORE);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1ScoreTransformer> read() {
        return new DefaultParamsReadable<Gpt1ScoreTransformer>() {}.read();
    }

    public static Gpt1ScoreTransformer load(String path) {
        return read().load(path);
    }

    /** Tokens between window starts, below n_positions; 0 for n_positions / 2. */
    public IntParam windowStride() {
        return (IntParam) param(TaskSettings.WINDOW_STRIDE);
    }

    public int getWindowStride() {
        return this.<Integer>paramValue(TaskSettings.WINDOW_STRIDE);
    }

    public Gpt1ScoreTransformer setWindowStride(int value) {
        return setParam(TaskSettings.WINDOW_STRIDE, value);
    }
}
