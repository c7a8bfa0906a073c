package dev.gpt1spark.inference;

/**
 * Settings of the embed job.
 *
 * @param pooling how token states become one vector
 * @param normalize scale each embedding to unit L2 norm
 * @param longInput truncate documents longer than n_positions, or split them into windows
 * @param windowStride tokens between window starts; 0 means n_positions / 2
 * @param batchTokens token budget of one micro-batch (rows × longest row)
 */
public record EmbedOptions(
        Pooling pooling, boolean normalize, LongInput longInput, int windowStride, int batchTokens)
        implements java.io.Serializable {}
