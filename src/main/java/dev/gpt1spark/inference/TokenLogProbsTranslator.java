package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.model.Gpt1Network;

/**
 * Runs a right-padded batch and returns, per row, log p(token[t+1] | tokens[0..t]) for t = 0 …
 * len−2: the first token of a row has no prediction and gets none.
 */
final class TokenLogProbsTranslator extends HiddenStatesTranslator {
    private final Gpt1Network network;

    TokenLogProbsTranslator(Gpt1Network network) {
        this.network = network;
    }

    @Override
    float[][] rows(TokenBatch batch, NDArray hidden, NDManager manager) {
        float[][] result = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
            long[] ids = batch.row(i);
            int n = ids.length - 1;
            if (n == 0) {
                result[i] = new float[0];
                continue;
            }
            // One row at a time bounds the (n, vocab) logits to one sequence's worth of memory.
            NDArray h = hidden.get(new NDIndex("{}, :{}", i, n)); // (n, D)
            // log-softmax in float32 whatever the model's precision: it sums over 40k terms
            NDArray logProbs =
                    network.lmLogits(h).toType(DataType.FLOAT32, false).logSoftmax(-1); // (n, V)
            long[] next = new long[n];
            System.arraycopy(ids, 1, next, 0, n);
            NDArray targets = manager.create(next, new Shape(n, 1));
            NDArray picked = logProbs.gather(targets, 1); // (n, 1)
            result[i] = picked.toFloatArray();
        }
        return result;
    }
}
