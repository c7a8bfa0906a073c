/**
 * Training: fine-tuning with a classification head and language-model pre-training, both in one
 * {@code TrainingLoop}.
 */
package dev.gpt1spark.train;
