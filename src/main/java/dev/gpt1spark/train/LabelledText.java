package dev.gpt1spark.train;

/**
 * One row of a labelled corpus.
 *
 * @param id the row's id
 * @param text the text (the first of a pair), null when missing
 * @param text2 the second text of a pair task, null for single-text tasks
 * @param label the class name, null when missing
 */
public record LabelledText(String id, String text, String text2, String label) {}
