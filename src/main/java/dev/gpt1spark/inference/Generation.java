package dev.gpt1spark.inference;

/**
 * A generated continuation.
 *
 * @param continuation decoded text of the new tokens, cut before a stop string if one was found
 * @param continuationIds the new token ids (up to and including the one that completed a stop
 *     string)
 * @param nPromptTokens prompt tokens the model saw (after left truncation)
 * @param nGenerated new tokens produced
 * @param finishReason {@code length} (max new tokens reached) or {@code stop} (a stop string)
 * @param tokenLogprobs each new token's log-probability under the model (before temperature,
 *     penalties and n-gram blocking), beside continuationIds; null unless asked for
 */
public record Generation(
        String continuation,
        long[] continuationIds,
        int nPromptTokens,
        int nGenerated,
        String finishReason,
        float[] tokenLogprobs) {

    /** The continuation's log-probability: the sum of its tokens'; null without logprobs. */
    public Double cumulativeLogprob() {
        if (tokenLogprobs == null) {
            return null;
        }
        double sum = 0;
        for (float lp : tokenLogprobs) {
            sum += lp;
        }
        return sum;
    }
}
