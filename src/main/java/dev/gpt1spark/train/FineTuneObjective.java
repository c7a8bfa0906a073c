package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.norm.Dropout;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Network;

/**
 * GPT-1's fine-tuning loss: L = L_class + λ·L_LM, the head reading the last real token (the {@code
 * _classify_} token) and the auxiliary language-model loss over the same inputs.
 */
final class FineTuneObjective {
    /**
     * The loss of one batch, each term a scalar.
     *
     * @param total the loss to differentiate
     * @param classLoss mean cross-entropy of the labels
     * @param lmLoss mean next-token NLL (0 when λ is 0)
     */
    record Terms(NDArray total, NDArray classLoss, NDArray lmLoss) {}

    private FineTuneObjective() {}

    /**
     * @param manager owns every tensor of the step
     * @param batch inputs in task format (at least two tokens each)
     * @param lmWeight λ (GPT-1: 0.5)
     * @param dropout GPT-1's dropout rate, also applied to the head's input (clf_pdrop)
     */
    static Terms loss(
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
            return new Terms(classLoss, classLoss, classLoss.zerosLike());
        }
        NDArray lmLoss = Losses.tokenNll(network, hidden, batch).mean(); // ()
        // a float weight: a double would promote the float32 loss to float64
        return new Terms(classLoss.add(lmLoss.mul((float) lmWeight)), classLoss, lmLoss);
    }
}
