package dev.gpt1spark.train;

/**
 * What one fine-tuning epoch achieved; NaN where there is no validation set.
 *
 * @param epoch 1-based
 * @param steps optimiser steps so far
 * @param trainLoss mean total loss over the epoch's batches
 * @param trainClassLoss mean classification cross-entropy
 * @param trainLmLoss mean auxiliary LM loss (0 when off or head-only)
 * @param validationLoss mean classification cross-entropy on the validation set
 * @param accuracy validation accuracy
 * @param macroF1 validation macro-F1
 * @param seconds wall time of the epoch, validation included
 */
public record FineTuneEpoch(
        int epoch,
        int steps,
        double trainLoss,
        double trainClassLoss,
        double trainLmLoss,
        double validationLoss,
        double accuracy,
        double macroF1,
        double seconds) {}
