package dev.gpt1spark.task;

import java.util.Map;

/**
 * One input row, or one sample of it when a command returns several per row.
 *
 * @param id the row's id; also keys the row's random stream when sampling
 * @param text the text, or null when the row has none (it then gets an {@code error})
 * @param text2 the second text of a pair, for {@code classify} with a checkpoint fine-tuned on
 *     pairs; null otherwise
 * @param sample which of the row's samples this is, 0 to num-return-sequences − 1 (generate); 0 for
 *     the other commands
 * @param rowValues the row's own values of settings, by setting key, as read from its cells
 *     (generate's per-row columns, see {@link RowSettings}); empty for none
 */
public record Document(
        String id, String text, String text2, int sample, Map<String, Object> rowValues) {
    /** A single-text document. */
    public Document(String id, String text) {
        this(id, text, null, 0, Map.of());
    }

    /** A document's first (or only) sample. */
    public Document(String id, String text, String text2) {
        this(id, text, text2, 0, Map.of());
    }
}
