package dev.gpt1spark.inference;

import ai.djl.inference.Predictor;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores documents with the language model: negative log-likelihood and perplexity.
 *
 * <p>Documents longer than n_positions are scored with the sliding window of the Hugging Face
 * perplexity guide: windows of n_positions tokens start every {@code stride} tokens and each token
 * after the first is scored exactly once, in the first window that reaches it, so every window
 * after the first gives it at least n_positions − stride tokens of context. One instance per
 * thread.
 */
public final class Scorer implements AutoCloseable {
    private final int nPositions;
    private final int stride;
    private final int batchTokens;
    private final Predictor<TokenBatch, float[][]> predictor;

    /**
     * @param windowStride tokens between window starts, below n_positions; 0 means n_positions / 2
     * @param batchTokens token budget of one micro-batch
     */
    public Scorer(Gpt1Model model, int windowStride, int batchTokens) {
        this.nPositions = model.config().nPositions();
        this.stride = windowStride > 0 ? windowStride : Math.max(1, nPositions / 2);
        if (stride >= nPositions && nPositions > 1) {
            // With stride = n_positions a window's first token would have no context in it.
            throw new IllegalArgumentException(
                    "window stride " + stride + " must be below n_positions " + nPositions);
        }
        this.batchTokens = batchTokens;
        this.predictor = model.newPredictor(new TokenLogProbsTranslator(model.network()));
    }

    /** Scores non-empty token sequences, in order. */
    public List<ScoreResult> score(List<long[]> documents) {
        List<float[]> logProbs = tokenLogProbs(documents);
        List<ScoreResult> results = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            results.add(ScoreResult.of(logProbs.get(i), documents.get(i).length));
        }
        return results;
    }

    /** Per document, log p(token t | tokens before t) for t = 1 … T−1. */
    public List<float[]> tokenLogProbs(List<long[]> documents) {
        List<long[]> pieces = new ArrayList<>();
        List<List<int[]>> windowsPerDoc = new ArrayList<>();
        for (long[] ids : documents) {
            List<int[]> windows = Windows.of(ids.length, nPositions, Math.min(stride, nPositions));
            windowsPerDoc.add(windows);
            for (int[] w : windows) {
                pieces.add(Windows.slice(ids, w));
            }
        }
        float[][] perWindow = MicroBatches.run(pieces, batchTokens, predictor);
        List<float[]> results = new ArrayList<>(documents.size());
        int next = 0;
        for (int i = 0; i < documents.size(); i++) {
            float[] out = new float[Math.max(0, documents.get(i).length - 1)];
            int scoredUpTo = 1; // token 0 has nothing to predict it
            for (int[] w : windowsPerDoc.get(i)) {
                float[] lp = perWindow[next++]; // lp[j] scores token w[0] + j + 1
                for (int token = scoredUpTo; token < w[1]; token++) {
                    out[token - 1] = lp[token - w[0] - 1];
                }
                scoredUpTo = Math.max(scoredUpTo, w[1]);
            }
            results.add(out);
        }
        return results;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
