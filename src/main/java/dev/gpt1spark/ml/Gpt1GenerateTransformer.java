package dev.gpt1spark.ml;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.task.GenerateSpec;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Continues each document, which is the prompt, with a key/value cache. Prompts longer than
 * n_positions − maxNewTokens keep their last tokens. A sampled continuation depends only on the
 * seed and the document's {@link #idCol()} value (or its text), not on the partitioning.
 *
 * <p>Output columns, after the input's: {@code continuation string}, {@code continuation_ids
 * array<int>}, {@code n_prompt_tokens int}, {@code n_generated int}, {@code finish_reason string}
 * (length or stop), {@code error string}.
 *
 * <p>The sampling params are doubles for convenience; the model uses them as floats.
 */
public final class Gpt1GenerateTransformer extends Gpt1Transformer<Gpt1GenerateTransformer> {
    private static final long serialVersionUID = 1L;

    private final IntParam maxNewTokens;
    private final Param<String> strategy;
    private final DoubleParam temperature;
    private final IntParam topK;
    private final DoubleParam topP;
    private final LongParam seed;
    private final DoubleParam repetitionPenalty;
    private final StringArrayParam stop;

    public Gpt1GenerateTransformer() {
        this(Identifiable.randomUID("gpt1Generate"));
    }

    public Gpt1GenerateTransformer(String uid) {
        super(uid);
        maxNewTokens =
                new IntParam(
                        this,
                        "maxNewTokens",
                        "tokens to generate at most, below n_positions",
                        ParamValidators.gtEq(1));
        strategy =
                new Param<>(
                        this,
                        "strategy",
                        "greedy (most probable token) or sample",
                        ParamValidators.inArray(List.of("greedy", "sample")));
        temperature =
                new DoubleParam(
                        this, "temperature", "sampling temperature, > 0", ParamValidators.gt(0));
        topK =
                new IntParam(
                        this,
                        "topK",
                        "sample among the k most probable tokens; 0 for all",
                        ParamValidators.gtEq(0));
        topP =
                new DoubleParam(
                        this,
                        "topP",
                        "nucleus sampling: the most probable tokens up to this cumulative"
                                + " probability, in (0, 1]; 1 for all",
                        ParamValidators.inRange(0, 1, false, true));
        seed =
                new LongParam(
                        this,
                        "seed",
                        "global seed; each document samples from a stream derived from it and"
                                + " the document's id (or text)");
        repetitionPenalty =
                new DoubleParam(
                        this,
                        "repetitionPenalty",
                        "penalty on tokens already in the prompt or continuation, > 0; 1 is off",
                        ParamValidators.gt(0));
        stop =
                new StringArrayParam(
                        this,
                        "stop",
                        "strings that end a continuation, which is cut before the first one;"
                                + " none may be empty",
                        Validators.noEmptyStrings());
        setDefault(batchTokens(), GenerationOptions.BATCH_TOKENS);
        setDefault(maxNewTokens, 32);
        setDefault(strategy, "greedy");
        setDefault(temperature, 1.0);
        setDefault(topK, 0);
        setDefault(topP, 1.0);
        setDefault(seed, 0L);
        setDefault(repetitionPenalty, 1.0);
        setDefault(stop, new String[0]);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1GenerateTransformer> read() {
        return new DefaultParamsReadable<Gpt1GenerateTransformer>() {}.read();
    }

    public static Gpt1GenerateTransformer load(String path) {
        return read().load(path);
    }

    @Override
    public TaskSpec taskSpec() {
        GenerationOptions options =
                new GenerationOptions(
                        getMaxNewTokens(),
                        getStrategy().equals("sample"),
                        (float) getTemperature(),
                        getTopK(),
                        (float) getTopP(),
                        getSeed(),
                        (float) getRepetitionPenalty(),
                        List.of(getStop()),
                        getBatchTokens(),
                        true);
        options.sampler(); // a double that is no longer valid as a float fails here, not later
        return new GenerateSpec(options);
    }

    @Override
    protected void checkModel(ModelConfig config) {
        if (getMaxNewTokens() >= config.nPositions()) {
            throw new IllegalArgumentException(
                    uid()
                            + ": maxNewTokens "
                            + getMaxNewTokens()
                            + " leaves no room for a prompt: it must be below the model's"
                            + " n_positions "
                            + config.nPositions());
        }
    }

    /** Tokens to generate at most, below n_positions (default 32). */
    public IntParam maxNewTokens() {
        return maxNewTokens;
    }

    /** "greedy" (default) or "sample". */
    public Param<String> strategy() {
        return strategy;
    }

    /** Sampling temperature, > 0 (default 1). */
    public DoubleParam temperature() {
        return temperature;
    }

    /** Sample among the k most probable tokens; 0 (default) for all. */
    public IntParam topK() {
        return topK;
    }

    /** Nucleus sampling threshold in (0, 1]; 1 (default) for all tokens. */
    public DoubleParam topP() {
        return topP;
    }

    /** Global seed (default 0). */
    public LongParam seed() {
        return seed;
    }

    /** CTRL-style repetition penalty, > 0; 1 (default) is off. */
    public DoubleParam repetitionPenalty() {
        return repetitionPenalty;
    }

    /** Strings that end a continuation (default none). */
    public StringArrayParam stop() {
        return stop;
    }

    public int getMaxNewTokens() {
        return (Integer) getOrDefault(maxNewTokens);
    }

    public String getStrategy() {
        return getOrDefault(strategy);
    }

    public double getTemperature() {
        return (Double) getOrDefault(temperature);
    }

    public int getTopK() {
        return (Integer) getOrDefault(topK);
    }

    public double getTopP() {
        return (Double) getOrDefault(topP);
    }

    public long getSeed() {
        return (Long) getOrDefault(seed);
    }

    public double getRepetitionPenalty() {
        return (Double) getOrDefault(repetitionPenalty);
    }

    public String[] getStop() {
        return getOrDefault(stop).clone();
    }

    public Gpt1GenerateTransformer setMaxNewTokens(int value) {
        set(maxNewTokens, value);
        return this;
    }

    public Gpt1GenerateTransformer setStrategy(String value) {
        set(strategy, value);
        return this;
    }

    public Gpt1GenerateTransformer setTemperature(double value) {
        set(temperature, value);
        return this;
    }

    public Gpt1GenerateTransformer setTopK(int value) {
        set(topK, value);
        return this;
    }

    public Gpt1GenerateTransformer setTopP(double value) {
        set(topP, value);
        return this;
    }

    public Gpt1GenerateTransformer setSeed(long value) {
        set(seed, value);
        return this;
    }

    public Gpt1GenerateTransformer setRepetitionPenalty(double value) {
        set(repetitionPenalty, value);
        return this;
    }

    public Gpt1GenerateTransformer setStop(String... values) {
        set(stop, values.clone());
        return this;
    }
}
