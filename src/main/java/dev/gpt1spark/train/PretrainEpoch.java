package dev.gpt1spark.train;

/**
 * What one pre-training epoch achieved; NaN where there is no validation set.
 *
 * @param epoch 1-based
 * @param steps optimiser steps so far
 * @param trainLoss mean next-token NLL (nats) over the epoch's batches, with dropout
 * @param validationLoss next-token NLL per validation token, without dropout
 * @param validationPerplexity exp(validationLoss)
 * @param seconds wall time of the epoch, validation included
 */
public record PretrainEpoch(
        int epoch,
        int steps,
        double trainLoss,
        double validationLoss,
        double validationPerplexity,
        double seconds) {}
