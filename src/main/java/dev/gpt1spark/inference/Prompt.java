package dev.gpt1spark.inference;

/**
 * A document to continue.
 *
 * @param documentId the document's id, which with the global seed fixes its random stream
 * @param ids prompt token ids, at least one (GPT-1 has no start token to generate from)
 * @param sample which of the document's samples this is (0 for the first); each has its own stream
 */
public record Prompt(String documentId, long[] ids, int sample) {
    /** The document's first (or only) sample. */
    public Prompt(String documentId, long[] ids) {
        this(documentId, ids, 0);
    }
}
