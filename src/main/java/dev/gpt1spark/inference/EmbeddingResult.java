package dev.gpt1spark.inference;

/**
 * One document's embedding.
 *
 * @param embedding n_embd values
 * @param nTokens tokens of the whole document
 * @param truncated whether tokens past n_positions were dropped
 * @param nWindows windows the document was run as (1 unless split)
 */
public record EmbeddingResult(float[] embedding, int nTokens, boolean truncated, int nWindows) {}
