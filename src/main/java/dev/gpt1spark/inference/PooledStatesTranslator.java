package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/** Runs a right-padded batch and pools each row's hidden states into one vector. */
final class PooledStatesTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {
    private static final String BATCH = "batch";
    private final Pooling pooling;

    PooledStatesTranslator(Pooling pooling) {
        this.pooling = pooling;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        ctx.setAttachment(BATCH, batch);
        return batch.inputs(ctx.getNDManager());
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList output) {
        TokenBatch batch = (TokenBatch) ctx.getAttachment(BATCH);
        // pooled in float32 whatever the model's precision: a mean sums up to 512 states
        NDArray hidden = output.get(0).toType(DataType.FLOAT32, false); // (B, T, D)
        NDArray pooled = pooling.pool(hidden, batch.lengths()); // (B, D)
        return Rows.of(pooled);
    }
}
