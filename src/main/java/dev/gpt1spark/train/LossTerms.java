package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;

/**
 * The loss of one training batch, each term a scalar on the step's manager.
 *
 * @param total the loss to differentiate
 * @param classLoss mean cross-entropy of the labels; null when the objective has none
 * @param lmLoss mean next-token NLL; null when the objective has none
 */
record LossTerms(NDArray total, NDArray classLoss, NDArray lmLoss) {

    /** Pre-training's objective: the language-model loss alone. */
    static LossTerms languageModel(NDArray lmLoss) {
        return new LossTerms(lmLoss, null, lmLoss);
    }

    /** The terms' values, copied out of the engine before the step's tensors are closed. */
    TrainLoss values() {
        return new TrainLoss(total.getFloat(), valueOf(classLoss), valueOf(lmLoss));
    }

    private static double valueOf(NDArray term) {
        return term == null ? 0 : term.getFloat();
    }
}
