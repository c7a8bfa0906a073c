package dev.gpt1spark.task;

/**
 * One input row.
 *
 * @param id the row's id; also keys the row's random stream when sampling
 * @param text the text, or null when the row has none (it then gets an {@code error})
 */
public record Document(String id, String text) {}
