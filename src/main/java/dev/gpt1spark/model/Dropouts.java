package dev.gpt1spark.model;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.norm.Dropout;

/** Dropout that costs nothing when off (rate 0: inference, finite-difference checks). */
final class Dropouts {
    private Dropouts() {}

    /** Zeroes each value with probability {@code rate} and scales the rest by 1/(1−rate). */
    static NDArray apply(NDArray x, float rate) {
        return rate == 0 ? x : Dropout.dropout(x, rate, true).singletonOrThrow();
    }
}
