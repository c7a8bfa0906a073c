package dev.gpt1spark.tokenizer;

import java.util.Arrays;

/**
 * The token ids of one text and the vocabulary strings they stand for, in order.
 *
 * <p>The arrays are not copied (encodings are made in bulk); treat them as read-only. Equality
 * compares the array contents.
 *
 * @param ids token ids, no BOS/EOS added and nothing truncated
 * @param tokens vocabulary string of each id, e.g. {@code "hello</w>"}
 */
public record Encoding(long[] ids, String[] tokens) {

    public Encoding {
        if (ids == null || tokens == null || ids.length != tokens.length) {
            throw new IllegalArgumentException(
                    "ids and tokens must be non-null and of equal length");
        }
    }

    /** Number of tokens. */
    public int size() {
        return ids.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encoding other
                && Arrays.equals(ids, other.ids)
                && Arrays.equals(tokens, other.tokens);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(tokens);
    }

    @Override
    public String toString() {
        return "Encoding[ids=" + Arrays.toString(ids) + ", tokens=" + Arrays.toString(tokens) + "]";
    }
}
