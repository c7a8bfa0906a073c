package dev.gpt1spark.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * Where the partition runner finds things in an input row.
 *
 * @param idIndex the id column, or −1 (documents are then seeded by their text)
 * @param textIndex the text column
 * @param text2Index the second text column of a pair, or −1 (documents then have one text)
 * @param inputErrorIndex a column with reader errors (malformed record, …), or −1
 * @param keepIndices input columns copied to the output, in order
 * @param sampleIndex the column numbering a row's samples (int), or −1 (one sample, number 0)
 * @param rowValueIndices the column of each setting rows may override, by setting key (see {@link
 *     dev.gpt1spark.task.RowSettings}); empty for none
 */
record RowLayout(
        int idIndex,
        int textIndex,
        int text2Index,
        int inputErrorIndex,
        int[] keepIndices,
        int sampleIndex,
        Map<String, Integer> rowValueIndices)
        implements Serializable {}
