package dev.gpt1spark.ml;

import static dev.gpt1spark.task.TaskSettings.LOGPROBS;
import static dev.gpt1spark.task.TaskSettings.MAX_NEW_TOKENS;
import static dev.gpt1spark.task.TaskSettings.MAX_NEW_TOKENS_COL;
import static dev.gpt1spark.task.TaskSettings.MIN_NEW_TOKENS;
import static dev.gpt1spark.task.TaskSettings.NO_REPEAT_NGRAM_SIZE;
import static dev.gpt1spark.task.TaskSettings.NUM_RETURN_SEQUENCES;
import static dev.gpt1spark.task.TaskSettings.REPETITION_PENALTY;
import static dev.gpt1spark.task.TaskSettings.SEED;
import static dev.gpt1spark.task.TaskSettings.SEED_COL;
import static dev.gpt1spark.task.TaskSettings.STOP;
import static dev.gpt1spark.task.TaskSettings.STRATEGY;
import static dev.gpt1spark.task.TaskSettings.TEMPERATURE;
import static dev.gpt1spark.task.TaskSettings.TEMPERATURE_COL;
import static dev.gpt1spark.task.TaskSettings.TOP_K;
import static dev.gpt1spark.task.TaskSettings.TOP_P;
import static dev.gpt1spark.task.TaskSettings.TOP_P_COL;

import dev.gpt1spark.task.TaskKind;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Continues each document, which is the prompt, with a key/value cache. Prompts longer than
 * n_positions − maxNewTokens keep their last tokens. A sampled continuation depends only on the
 * seed and the document's {@link #idCol()} value (or its text), not on the partitioning.
 *
 * <p>Output columns, after the input's: {@code sample_index int} (0 to {@link
 * #numReturnSequences()} − 1: each input row gives one output row per sample), {@code continuation
 * string}, {@code continuation_ids array<int>}, {@code n_prompt_tokens int}, {@code n_generated
 * int}, {@code finish_reason string} (length or stop), {@code token_logprobs array<float>} and
 * {@code cumulative_logprob double} (null unless {@link #logprobs()}), {@code error string}.
 *
 * <p>{@code maxNewTokensCol}, {@code temperatureCol}, {@code topPCol} and {@code seedCol} name
 * input columns that give each row its own value (numbers or their text; an empty cell keeps the
 * param's value, a bad one gives the row an error).
 *
 * <p>The sampling params are doubles for convenience; the model uses them as floats. Params,
 * defaults and checks come from the generate settings ({@link dev.gpt1spark.task.TaskSettings}).
 */
public final class Gpt1GenerateTransformer extends Gpt1Transformer<Gpt1GenerateTransformer> {
    private static final long serialVersionUID = 1L;

    public Gpt1GenerateTransformer() {
        this(Identifiable.randomUID("gpt1Generate"));
    }

    public Gpt1GenerateTransformer(String uid) {
        super(uid, TaskKind.GENERATE);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1GenerateTransformer> read() {
        return new DefaultParamsReadable<Gpt1GenerateTransformer>() {}.read();
    }

    public static Gpt1GenerateTransformer load(String path) {
        return read().load(path);
    }

    /** Tokens to generate at most, below n_positions. */
    public IntParam maxNewTokens() {
        return (IntParam) param(MAX_NEW_TOKENS);
    }

    /** "greedy" or "sample". */
    @SuppressWarnings("unchecked")
    public Param<String> strategy() {
        return (Param<String>) param(STRATEGY);
    }

    /** Sampling temperature, > 0. */
    public DoubleParam temperature() {
        return (DoubleParam) param(TEMPERATURE);
    }

    /** Sample among the k most probable tokens; 0 for all. */
    public IntParam topK() {
        return (IntParam) param(TOP_K);
    }

    /** Nucleus sampling threshold in (0, 1]; 1 for all tokens. */
    public DoubleParam topP() {
        return (DoubleParam) param(TOP_P);
    }

    /** Global seed. */
    public LongParam seed() {
        return (LongParam) param(SEED);
    }

    /**
     * Continuations per prompt, each an output row numbered in {@code sample_index}; above 1 needs
     * strategy "sample".
     */
    public IntParam numReturnSequences() {
        return (IntParam) param(NUM_RETURN_SEQUENCES);
    }

    /** Input column with each row's max new tokens; "" for none. */
    @SuppressWarnings("unchecked")
    public Param<String> maxNewTokensCol() {
        return (Param<String>) param(MAX_NEW_TOKENS_COL);
    }

    /** Input column with each row's temperature; "" for none. */
    @SuppressWarnings("unchecked")
    public Param<String> temperatureCol() {
        return (Param<String>) param(TEMPERATURE_COL);
    }

    /** Input column with each row's top-p; "" for none. */
    @SuppressWarnings("unchecked")
    public Param<String> topPCol() {
        return (Param<String>) param(TOP_P_COL);
    }

    /** Input column with each row's seed; "" for none. */
    @SuppressWarnings("unchecked")
    public Param<String> seedCol() {
        return (Param<String>) param(SEED_COL);
    }

    /** CTRL-style repetition penalty, > 0; 1 is off. */
    public DoubleParam repetitionPenalty() {
        return (DoubleParam) param(REPETITION_PENALTY);
    }

    /** Strings that end a continuation. */
    public StringArrayParam stop() {
        return (StringArrayParam) param(STOP);
    }

    /** A stop string ends a continuation only after this many new tokens. */
    public IntParam minNewTokens() {
        return (IntParam) param(MIN_NEW_TOKENS);
    }

    /** No n-gram of this many tokens occurs twice in prompt + continuation; 0 is off. */
    public IntParam noRepeatNgramSize() {
        return (IntParam) param(NO_REPEAT_NGRAM_SIZE);
    }

    /** Also write each new token's log-probability and their sum. */
    public BooleanParam logprobs() {
        return (BooleanParam) param(LOGPROBS);
    }

    public int getMaxNewTokens() {
        return this.<Integer>paramValue(MAX_NEW_TOKENS);
    }

    public String getStrategy() {
        return paramValue(STRATEGY);
    }

    public double getTemperature() {
        return this.<Double>paramValue(TEMPERATURE);
    }

    public int getTopK() {
        return this.<Integer>paramValue(TOP_K);
    }

    public double getTopP() {
        return this.<Double>paramValue(TOP_P);
    }

    public long getSeed() {
        return this.<Long>paramValue(SEED);
    }

    public double getRepetitionPenalty() {
        return this.<Double>paramValue(REPETITION_PENALTY);
    }

    public String[] getStop() {
        return this.<String[]>paramValue(STOP).clone();
    }

    public Gpt1GenerateTransformer setMaxNewTokens(int value) {
        return setParam(MAX_NEW_TOKENS, value);
    }

    public Gpt1GenerateTransformer setStrategy(String value) {
        return setParam(STRATEGY, value);
    }

    public Gpt1GenerateTransformer setTemperature(double value) {
        return setParam(TEMPERATURE, value);
    }

    public Gpt1GenerateTransformer setTopK(int value) {
        return setParam(TOP_K, value);
    }

    public Gpt1GenerateTransformer setTopP(double value) {
        return setParam(TOP_P, value);
    }

    public Gpt1GenerateTransformer setSeed(long value) {
        return setParam(SEED, value);
    }

    public Gpt1GenerateTransformer setNumReturnSequences(int value) {
        return setParam(NUM_RETURN_SEQUENCES, value);
    }

    /** Each row's max-new-tokens from this input column ("" for none). */
    public Gpt1GenerateTransformer setMaxNewTokensCol(String value) {
        return setParam(MAX_NEW_TOKENS_COL, value);
    }

    /** Each row's temperature from this input column ("" for none). */
    public Gpt1GenerateTransformer setTemperatureCol(String value) {
        return setParam(TEMPERATURE_COL, value);
    }

    /** Each row's top-p from this input column ("" for none). */
    public Gpt1GenerateTransformer setTopPCol(String value) {
        return setParam(TOP_P_COL, value);
    }

    /** Each row's seed from this input column ("" for none). */
    public Gpt1GenerateTransformer setSeedCol(String value) {
        return setParam(SEED_COL, value);
    }

    public Gpt1GenerateTransformer setRepetitionPenalty(double value) {
        return setParam(REPETITION_PENALTY, value);
    }

    public Gpt1GenerateTransformer setStop(String... values) {
        return setParam(STOP, values.clone());
    }

    public Gpt1GenerateTransformer setMinNewTokens(int value) {
        return setParam(MIN_NEW_TOKENS, value);
    }

    public Gpt1GenerateTransformer setNoRepeatNgramSize(int value) {
        return setParam(NO_REPEAT_NGRAM_SIZE, value);
    }

    public Gpt1GenerateTransformer setLogprobs(boolean value) {
        return setParam(LOGPROBS, value);
    }
}
