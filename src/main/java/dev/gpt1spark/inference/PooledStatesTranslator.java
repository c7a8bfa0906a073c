package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/** Runs a right-padded batch and pools each row's hidden states into one vector. */
final class PooledStatesTranslator extends HiddenStatesTranslator {
    private final Pooling pooling;

    PooledStatesTranslator(Pooling pooling) {
        this.pooling = pooling;
    }

    @Override
    float[][] rows(TokenBatch batch, NDArray hidden, NDManager manager) {
        // pooled in float32 whatever the model's precision: a mean sums up to 512 states
        NDArray states = hidden.toType(DataType.FLOAT32, false); // (B, T, D)
        NDArray pooled = pooling.pool(states, batch.lengths()); // (B, D)
        return Rows.of(pooled);
    }
}
