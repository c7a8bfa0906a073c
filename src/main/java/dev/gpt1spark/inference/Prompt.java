package dev.gpt1spark.inference;

/**
 * A document to continue.
 *
 * @param documentId the document's id, which with the global seed fixes its random stream
 * @param ids prompt token ids, at least one (GPT-1 has no start token to generate from)
 */
public record Prompt(String documentId, long[] ids) {}
