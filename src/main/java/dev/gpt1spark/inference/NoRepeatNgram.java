package dev.gpt1spark.inference;

/**
 * Hugging Face's {@code no_repeat_ngram_size}: a token that would complete an n-gram already in the
 * sequence (prompt and continuation so far) cannot be chosen.
 */
final class NoRepeatNgram {
    private NoRepeatNgram() {}

    /**
     * Sets the logits of the banned next tokens to −∞.
     *
     * @param tokens the sequence so far, in {@code tokens[0, length)}
     * @param n the n-gram size, >= 1
     */
    static void ban(float[] logits, long[] tokens, int length, int n) {
        int prefix = n - 1; // the last n − 1 tokens, which the next token would complete
        if (length < prefix) {
            return;
        }
        for (int start = 0; start + prefix < length; start++) {
            boolean same = true;
            for (int k = 0; k < prefix && same; k++) {
                same = tokens[start + k] == tokens[length - prefix + k];
            }
            if (same) {
                logits[(int) tokens[start + prefix]] = Float.NEGATIVE_INFINITY;
            }
        }
    }
}
