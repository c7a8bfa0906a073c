package dev.gpt1spark.inference;

/**
 * A document's language-model score.
 *
 * @param nll summed negative log-likelihood of the scored tokens, in nats
 * @param meanNll nll / nScored, or null when nothing was scored
 * @param perplexity exp(meanNll), or null when nothing was scored
 * @param nTokens tokens of the document
 * @param nScored tokens scored: every token but the first, which has no context to predict it
 */
public record ScoreResult(double nll, Double meanNll, Double perplexity, int nTokens, int nScored) {

    /** The score of a document from the log-probabilities of its tokens 1 … T−1. */
    public static ScoreResult of(float[] tokenLogProbs, int nTokens) {
        double nll = 0;
        for (float lp : tokenLogProbs) {
            nll -= lp;
        }
        int n = tokenLogProbs.length;
        if (n == 0) {
            return new ScoreResult(0.0, null, null, nTokens, 0);
        }
        double mean = nll / n;
        return new ScoreResult(nll, mean, Math.exp(mean), nTokens, n);
    }
}
