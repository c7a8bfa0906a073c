package dev.gpt1spark.tokenizer;

/**
 * Replaces unpaired UTF-16 surrogates with U+FFFD so that a Java string is valid Unicode.
 *
 * <p>Native code receives text as UTF-8, which cannot hold a lone surrogate, and what a JNI layer
 * does with one is up to it (DJL 0.36 happens to substitute U+FFFD; other conversions throw or
 * abort). Repairing the text here makes the result the same on every binding. The BERT normaliser
 * then drops U+FFFD, as Hugging Face does with a replacement character.
 */
final class UnpairedSurrogates {

    static final char REPLACEMENT = '\uFFFD';

    private UnpairedSurrogates() {}

    /** Returns {@code text} itself when it has no unpaired surrogate, else a repaired copy. */
    static String replace(String text) {
        int first = firstUnpaired(text, 0);
        if (first < 0) {
            return text; // the common case: no copy
        }
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int bad = first; bad >= 0; bad = firstUnpaired(text, from)) {
            out.append(text, from, bad).append(REPLACEMENT);
            from = bad + 1;
        }
        return out.append(text, from, text.length()).toString();
    }

    // Index of the first surrogate at or after `from` that is not part of a high-low pair, or -1.
    private static int firstUnpaired(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a valid pair: skip its low half
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
