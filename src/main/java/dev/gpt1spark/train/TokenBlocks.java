package dev.gpt1spark.train;

import dev.gpt1spark.settings.SettingException;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts documents into language-model training sequences: the documents' tokens one after another
 * (GPT-1 has no end-of-text token; its BooksCorpus was read as running text), in blocks of a fixed
 * length. The tail shorter than a block is kept when it has at least two tokens (one prediction).
 */
final class TokenBlocks {
    private TokenBlocks() {}

    static List<long[]> cut(List<long[]> documents, int blockSize) {
        if (blockSize < 2) {
            throw new SettingException(
                    PretrainSettings.BLOCK_SIZE, " must be at least 2, got " + blockSize);
        }
        List<long[]> blocks = new ArrayList<>();
        long[] block = new long[blockSize];
        int filled = 0;
        for (long[] ids : documents) {
            for (long id : ids) {
                block[filled++] = id;
                if (filled == blockSize) {
                    blocks.add(block);
                    block = new long[blockSize];
                    filled = 0;
                }
            }
        }
        if (filled >= 2) {
            blocks.add(java.util.Arrays.copyOf(block, filled));
        }
        return blocks;
    }
}
