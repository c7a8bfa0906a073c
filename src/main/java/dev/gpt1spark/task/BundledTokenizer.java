package dev.gpt1spark.task;

import dev.gpt1spark.tokenizer.Gpt1Tokenizer;

/**
 * One bundled GPT-1 tokenizer per JVM: building one parses 1.3 MB of JSON, and it is thread-safe.
 */
final class BundledTokenizer {
    private static volatile Gpt1Tokenizer shared;

    private BundledTokenizer() {}

    static Gpt1Tokenizer shared() {
        if (shared == null) {
            synchronized (BundledTokenizer.class) {
                if (shared == null) {
                    shared = Gpt1Tokenizer.bundled();
                }
            }
        }
        return shared;
    }
}
