package dev.gpt1spark.ml;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.task.ScoreSpec;
import dev.gpt1spark.task.TaskSpec;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Scores each document under the model: the negative log-likelihood of every token after the first.
 * Documents longer than n_positions are scored in overlapping windows.
 *
 * <p>Output columns, after the input's: {@code nll double} (summed), {@code mean_nll double},
 * {@code perplexity double}, {@code n_tokens int}, {@code n_scored int}, {@code error string}.
 */
public final class Gpt1ScoreTransformer extends Gpt1Transformer<Gpt1ScoreTransformer> {
    private static final long serialVersionUID = 1L;

    private final IntParam windowStride;

    public Gpt1ScoreTransformer() {
        this(Identifiable.randomUID("gpt1Score"));
    }

    public Gpt1ScoreTransformer(String uid) {
        super(uid);
        windowStride =
                new IntParam(
                        this,
                        "windowStride",
                        "tokens between window starts for documents longer than n_positions,"
                                + " below n_positions; 0 for n_positions / 2",
                        ParamValidators.gtEq(0));
        setDefault(windowStride, 0);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1ScoreTransformer> read() {
        return new DefaultParamsReadable<Gpt1ScoreTransformer>() {}.read();
    }

    public static Gpt1ScoreTransformer load(String path) {
        return read().load(path);
    }

    @Override
    public TaskSpec taskSpec() {
        return new ScoreSpec(getWindowStride(), getBatchTokens());
    }

    @Override
    protected void checkModel(ModelConfig config) {
        // With a stride of n_positions a window's first token would have no context in it.
        if (getWindowStride() >= config.nPositions() && config.nPositions() > 1) {
            throw new IllegalArgumentException(
                    uid()
                            + ": windowStride "
                            + getWindowStride()
                            + " must be below the model's n_positions "
                            + config.nPositions());
        }
    }

    /** Tokens between window starts, below n_positions; 0 (default) for n_positions / 2. */
    public IntParam windowStride() {
        return windowStride;
    }

    public int getWindowStride() {
        return (Integer) getOrDefault(windowStride);
    }

    public Gpt1ScoreTransformer setWindowStride(int value) {
        set(windowStride, value);
        return this;
    }
}
