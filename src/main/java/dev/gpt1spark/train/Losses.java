package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Network;

/**
 * The two GPT-1 objectives on right-padded batches.
 *
 * <p>Hand-written rather than DJL's {@code SoftmaxCrossEntropyLoss}: the language-model loss must
 * skip pad positions, and selecting the real positions before the vocabulary projection saves the
 * (B, T, V) logits of the padding, the largest tensor of a step.
 */
final class Losses {
    private Losses() {}

    /**
     * Negative log-likelihood of every real next token: position t predicts token t+1, for t up to
     * each row's length − 2.
     *
     * @param hidden (B, T, D) hidden states of the batch
     * @return (N) nats per predicted token, N = Σ (length − 1); empty when no row has two tokens
     */
    static NDArray tokenNll(Gpt1Network network, NDArray hidden, TokenBatch batch) {
        NDManager manager = hidden.getManager();
        int b = batch.size();
        int t = batch.width();
        long d = hidden.getShape().get(2);
        int n = 0;
        for (int row = 0; row < b; row++) {
            n += Math.max(0, batch.row(row).length - 1);
        }
        long[] rows = new long[n]; // flat (row·T + position) of each predicting position
        long[] targets = new long[n];
        int k = 0;
        for (int row = 0; row < b; row++) {
            long[] ids = batch.row(row);
            for (int pos = 0; pos + 1 < ids.length; pos++) {
                rows[k] = (long) row * t + pos;
                targets[k++] = ids[pos + 1];
            }
        }
        NDArray index = manager.create(rows, new Shape(n, 1)).repeat(1, d); // (N, D)
        NDArray h = hidden.reshape(b * (long) t, d).gather(index, 0); // (N, D)
        NDArray logProbs = network.lmLogits(h).logSoftmax(-1); // (N, V)
        NDArray target = manager.create(targets, new Shape(n, 1)); // (N, 1)
        return logProbs.gather(target, 1).reshape(n).neg(); // (N)
    }

    /**
     * Cross-entropy of the class logits.
     *
     * @param logits (B, labels)
     * @return (B) nats per example
     */
    static NDArray classNll(NDArray logits, int[] labels) {
        long[] ids = new long[labels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = labels[i];
        }
        NDArray target = logits.getManager().create(ids, new Shape(ids.length, 1)); // (B, 1)
        return logits.logSoftmax(-1).gather(target, 1).reshape(ids.length).neg(); // (B)
    }
}
