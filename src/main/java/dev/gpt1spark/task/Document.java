package dev.gpt1spark.task;

/**
 * One input row.
 *
 * @param id the row's id; also keys the row's random stream when sampling
 * @param text the text, or null when the row has none (it then gets an {@code error})
 * @param text2 the second text of a pair, for {@code classify} with a checkpoint fine-tuned on
 *     pairs; null otherwise
 */
public record Document(String id, String text, String text2) {
    /** A single-text document. */
    public Document(String id, String text) {
        this(id, text, null);
    }
}
