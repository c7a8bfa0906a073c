/** Training: fine-tuning with a classification head and language-model pre-training. */
package dev.gpt1spark.train;
