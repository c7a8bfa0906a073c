package dev.gpt1spark.spark;

import java.io.Serializable;

/**
 * One file split as the second pass numbers it: the rows the first pass counted and the rows of the
 * same file in earlier splits.
 *
 * @param split the split and its row count from the first pass
 * @param rowsBefore rows of the same file in the splits before this one
 * @param fileName the file's name in ids (relative to the folder all input files share)
 */
record SplitPlan(SplitRows split, long rowsBefore, String fileName) implements Serializable {}
