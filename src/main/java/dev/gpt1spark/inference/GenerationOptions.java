package dev.gpt1spark.inference;

import java.util.List;

/**
 * Settings of the generate job.
 *
 * @param maxNewTokens tokens to generate at most, below n_positions
 * @param sample sample the next token instead of taking the most probable one (greedy)
 * @param temperature sampling temperature, > 0
 * @param topK sample among the k most probable tokens; 0 for all
 * @param topP sample within this cumulative probability (nucleus); 1 for all
 * @param seed global seed; each document samples from its own stream derived from it and the
 *     document id, so a retried task writes the same text
 * @param repetitionPenalty CTRL-style penalty (> 1 discourages tokens already in the prompt or
 *     continuation); 1 is off
 * @param stop strings that end a continuation; the text is cut before the first one found
 * @param batchTokens token budget of a micro-batch: rows × (longest prompt + max new tokens)
 * @param useCache keep keys and values between steps (only turned off to measure or check)
 * @param minNewTokens a stop string ends a continuation only after this many new tokens (GPT-1 has
 *     no end-of-text token: stop strings are the only early end); 0 for none
 * @param noRepeatNgramSize no n-gram of this size occurs twice in prompt + continuation (Hugging
 *     Face's {@code no_repeat_ngram_size}); 0 for none
 * @param logprobs also return each new token's log-probability under the model
 */
public record GenerationOptions(
        int maxNewTokens,
        boolean sample,
        float temperature,
        int topK,
        float topP,
        long seed,
        float repetitionPenalty,
        List<String> stop,
        int batchTokens,
        boolean useCache,
        int minNewTokens,
        int noRepeatNgramSize,
        boolean logprobs)
        implements java.io.Serializable {
    /**
     * The default batch budget. Large, unlike a forward pass's: every decode step reads all the
     * weights once per batch, so more rows per batch make each generated token cheaper.
     */
    public static final int BATCH_TOKENS = 8192;

    public GenerationOptions {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("max new tokens must be >= 1, got " + maxNewTokens);
        }
        if (!(repetitionPenalty > 0)) {
            throw new IllegalArgumentException(
                    "repetition penalty must be > 0, got " + repetitionPenalty);
        }
        if (minNewTokens < 0 || minNewTokens > maxNewTokens) {
            throw new IllegalArgumentException(
                    "min new tokens must be in [0, max new tokens "
                            + maxNewTokens
                            + "], got "
                            + minNewTokens);
        }
        if (noRepeatNgramSize < 0) {
            throw new IllegalArgumentException(
                    "no repeat ngram size must be >= 0, got " + noRepeatNgramSize);
        }
        stop = List.copyOf(stop);
        for (String s : stop) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException("a stop string must not be empty");
            }
        }
    }

    /** Without a minimum length, n-gram blocking or log-probabilities. */
    public GenerationOptions(
            int maxNewTokens,
            boolean sample,
            float temperature,
            int topK,
            float topP,
            long seed,
            float repetitionPenalty,
            List<String> stop,
            int batchTokens,
            boolean useCache) {
        this(
                maxNewTokens,
                sample,
                temperature,
                topK,
                topP,
                seed,
                repetitionPenalty,
                stop,
                batchTokens,
                useCache,
                0,
                0,
                false);
    }

    /** These options with a minimum length, n-gram blocking and log-probabilities set. */
    public GenerationOptions withControls(int minNew, int noRepeatNgram, boolean withLogprobs) {
        return new GenerationOptions(
                maxNewTokens,
                sample,
                temperature,
                topK,
                topP,
                seed,
                repetitionPenalty,
                stop,
                batchTokens,
                useCache,
                minNew,
                noRepeatNgram,
                withLogprobs);
    }

    /** These options with one row's own length, temperature, top-p and seed. */
    public GenerationOptions forRow(int maxNew, float rowTemperature, float rowTopP, long rowSeed) {
        return new GenerationOptions(
                maxNew,
                sample,
                rowTemperature,
                topK,
                rowTopP,
                rowSeed,
                repetitionPenalty,
                stop,
                batchTokens,
                useCache,
                minNewTokens,
                noRepeatNgramSize,
                logprobs);
    }

    public static GenerationOptions greedy(int maxNewTokens) {
        return new GenerationOptions(
                maxNewTokens, false, 1f, 0, 1f, 0L, 1f, List.of(), BATCH_TOKENS, true);
    }

    /** The sampler these options ask for. */
    public Sampler sampler() {
        return sample ? new TemperatureSampler(temperature, topK, topP) : Sampler.GREEDY;
    }
}
