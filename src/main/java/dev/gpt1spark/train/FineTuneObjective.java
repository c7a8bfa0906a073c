package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Network;

/**
 * GPT-1's fine-tuning loss: L = L_class + λ·L_LM, the head reading the last real token (the {@code
 * _classify_} token) and the auxiliary language-model loss over the same inputs.
 */
final class FineTuneObjective {
    private FineTuneObjective() {}

    /**
     * The batch's loss; without the LM term when λ is 0.
     *
     * @param manager owns every tensor of the step
     * @param batch inputs in task format (at least two tokens each)
     * @param lmWeight λ (GPT-1: 0.5)
     * @param dropout GPT-1's dropout rate, also applied to the head's input (clf_pdrop)
     */
    static LossTerms loss(
            NDManager manager,
            Gpt1Network network,
            TokenBatch batch,
            int[] labels,
            double lmWeight,
            float dropout) {
        NDArray ids = batch.ids(manager);
        NDArray hidden = network.trainingHiddenStates(ids, dropout); // (B, T, D)
        NDArray last = Pooling.LAST.pool(hidden, batch.lengths()); // (B, D)
        if (dropout > 0) {
            last = Dropout.dropout(last, dropout, true).singletonOrThrow();
        }
        NDArray classLoss = Losses.classNll(network.classLogits(last), labels).mean(); // ()
        if (lmWeight == 0) {
            return new LossTerms(classLoss, classLoss, null);
        }
        NDArray lmLoss = Losses.tokenNll(network, hidden, batch).mean(); // ()
        // a float weight: a double would promote the float32 loss to float64
        return new LossTerms(classLoss.add(lmLoss.mul((float) lmWeight)), classLoss, lmLoss);
    }

    /**
     * The head-only loss: the head on the frozen model's features, with GPT-1's dropout on its
     * input; no LM term (the frozen model does not learn).
     *
     * @param features (B·D) the batch's last-token hidden states, row after row
     */
    static LossTerms headOnly(
            NDManager manager, Gpt1Network network, float[] features, int[] labels, float dropout) {
        int d = features.length / labels.length;
        NDArray x = manager.create(features, new Shape(labels.length, d)); // (B, D)
        if (dropout > 0) {
            x = Dropout.dropout(x, dropout, true).singletonOrThrow();
        }
        NDArray classLoss = Losses.classNll(network.classLogits(x), labels).mean(); // ()
        return new LossTerms(classLoss, classLoss, null);
    }
}
