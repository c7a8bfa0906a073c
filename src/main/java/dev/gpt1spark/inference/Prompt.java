package dev.gpt1spark.inference;

/**
 * A document to continue.
 *
 * @param documentId the document's id, which with the seed fixes its random stream
 * @param ids prompt token ids, at least one (GPT-1 has no start token to generate from)
 * @param sample which of the document's samples this is (0 for the first); each has its own stream
 * @param options this prompt's own options (per-row values), or null for the generator's
 */
public record Prompt(String documentId, long[] ids, int sample, GenerationOptions options) {
    /** The document's first (or only) sample, with the generator's options. */
    public Prompt(String documentId, long[] ids) {
        this(documentId, ids, 0, null);
    }

    /** A copy with other token ids. */
    Prompt withIds(long[] newIds) {
        return new Prompt(documentId, newIds, sample, options);
    }
}
