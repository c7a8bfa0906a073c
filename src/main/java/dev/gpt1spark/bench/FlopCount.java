package dev.gpt1spark.bench;

import dev.gpt1spark.config.ModelConfig;

/**
 * Model FLOPs, counted as the matrix products do them (a multiply-add is 2 FLOPs); element-wise
 * work (LayerNorm, GELU, softmax) is left out, as usual for MFU.
 */
final class FlopCount {
    private FlopCount() {}

    /** Weights of the matrix products of one block: c_attn, attention c_proj, c_fc, mlp c_proj. */
    static long blockWeights(ModelConfig c) {
        long d = c.nEmbd();
        return d * 3 * d + d * d + d * 4 * d + 4 * d * d;
    }

    /** Non-embedding matrix weights of the whole model. */
    static long matrixWeights(ModelConfig c) {
        return c.nLayer() * blockWeights(c);
    }

    /**
     * FLOPs of a causal forward pass over one row of {@code t} tokens, hidden states only: 2 per
     * weight per token, plus q·kᵀ and att·v, which for token i cover its i + 1 visible keys.
     */
    static double forwardRow(ModelConfig c, long t) {
        double weights = 2.0 * matrixWeights(c) * t;
        double visibleKeys = t * (t + 1) / 2.0;
        double attention = 2.0 * 2.0 * c.nLayer() * c.nEmbd() * visibleKeys;
        return weights + attention;
    }

    /** FLOPs of the tied LM head for one token: hidden · tokens_embedᵀ. */
    static double lmHead(ModelConfig c) {
        return 2.0 * c.nEmbd() * c.vocabSize();
    }

    /**
     * FLOPs of one cached decode step of one row: the new token through every block, attending to
     * {@code past} cached positions and itself, and its logits.
     */
    static double decodeToken(ModelConfig c, long past) {
        double attention = 2.0 * 2.0 * c.nLayer() * c.nEmbd() * (past + 1);
        return 2.0 * matrixWeights(c) + attention + lmHead(c);
    }

    /**
     * Bytes a decode step must read at least: every matrix weight and the LM head once (biases,
     * LayerNorms and the position row are under 0.1% and left out).
     */
    static double decodeWeightBytes(ModelConfig c, int bytesPerValue) {
        return ((double) matrixWeights(c) + (double) c.vocabSize() * c.nEmbd()) * bytesPerValue;
    }
}
