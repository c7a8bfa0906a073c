package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Runs a right-padded {@link TokenBatch} through the network; a subclass turns the last hidden
 * states into one result per row.
 */
abstract class HiddenStatesTranslator implements NoBatchifyTranslator<TokenBatch, float[][]> {
    private static final String BATCH = "batch";

    @Override
    public final NDList processInput(TranslatorContext ctx, TokenBatch batch) {
        ctx.setAttachment(BATCH, batch);
        return batch.inputs(ctx.getNDManager());
    }

    @Override
    public final float[][] processOutput(TranslatorContext ctx, NDList output) {
        return rows((TokenBatch) ctx.getAttachment(BATCH), output.get(0), ctx.getNDManager());
    }

    /**
     * @param hidden (B, T, D), in the model's precision
     * @param manager the batch's, for arrays made on the way (closed with the batch)
     * @return one array per row of the batch
     */
    abstract float[][] rows(TokenBatch batch, NDArray hidden, NDManager manager);
}
