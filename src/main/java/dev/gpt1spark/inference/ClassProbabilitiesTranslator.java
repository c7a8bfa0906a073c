package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.gpt1spark.model.Gpt1Network;

/** GPT-1 classification: the head reads the last real token's hidden state; softmax over labels. */
final class ClassProbabilitiesTranslator extends HiddenStatesTranslator {
    private final Gpt1Network network;

    ClassProbabilitiesTranslator(Gpt1Network network) {
        this.network = network;
    }

    @Override
    float[][] rows(TokenBatch batch, NDArray hidden, NDManager manager) {
        NDArray last = Pooling.LAST.pool(hidden, batch.lengths()); // (B, D)
        return Rows.of(
                network.classLogits(last)
                        .toType(DataType.FLOAT32, false)
                        .softmax(-1)); // (B, labels)
    }
}
