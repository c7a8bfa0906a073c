package dev.gpt1spark.inference;

import java.util.Locale;

/** What to do with a document longer than the model's n_positions. */
public enum LongInput {
    /** Keep the first n_positions tokens (and say so in {@code truncated}). */
    TRUNCATE,
    /** Split into overlapping windows and combine their results. */
    WINDOW;

    public static LongInput parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown long-input policy \"" + name + "\" (expected truncate or window)", e);
        }
    }
}
