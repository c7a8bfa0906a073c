package dev.gpt1spark.train;

/**
 * One training or validation example, already in the model's input form.
 *
 * @param id the row's id, for reports
 * @param input token ids in task format ({@code _start_ … _classify_})
 * @param label the label id
 */
public record LabelledExample(String id, long[] input, int label) {}
