package dev.gpt1spark.train;

/**
 * Training loss of a step, or its mean over an epoch's steps, in nats.
 *
 * @param total what the optimiser minimised
 * @param classLoss the classification cross-entropy; 0 when the objective has none
 * @param lmLoss the language-model NLL; 0 when the objective has none
 */
record TrainLoss(double total, double classLoss, double lmLoss) {
    static final TrainLoss ZERO = new TrainLoss(0, 0, 0);

    TrainLoss plus(TrainLoss other) {
        return new TrainLoss(
                total + other.total, classLoss + other.classLoss, lmLoss + other.lmLoss);
    }

    TrainLoss dividedBy(int steps) {
        return new TrainLoss(total / steps, classLoss / steps, lmLoss / steps);
    }
}
