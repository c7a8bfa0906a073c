package dev.gpt1spark.inference;

/**
 * A document's class.
 *
 * @param label name of the most probable class
 * @param labelId its index
 * @param probabilities softmax over all classes, in label-id order
 */
public record Classification(String label, int labelId, float[] probabilities) {}
