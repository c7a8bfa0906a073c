package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import dev.gpt1spark.model.Gpt1Network;

/** GPT-1 classification: the head reads the last real token's hidden state; softmax over labels. */
final class ClassProbabilitiesTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {
    private static final String BATCH = "batch";
    private final Gpt1Network network;

    ClassProbabilitiesTranslator(Gpt1Network network) {
        this.network = network;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        ctx.setAttachment(BATCH, batch);
        return batch.inputs(ctx.getNDManager());
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList output) {
        TokenBatch batch = (TokenBatch) ctx.getAttachment(BATCH);
        NDArray last = Pooling.LAST.pool(output.get(0), batch.lengths()); // (B, D)
        return Rows.of(
                network.classLogits(last)
                        .toType(DataType.FLOAT32, false)
                        .softmax(-1)); // (B, labels)
    }
}
