/**
 * Spark ML {@code Transformer}s that run a GPT-1 task (tokenize, embed, score, generate, classify)
 * over a text column, for use on their own or as stages of a {@code Pipeline}.
 */
package dev.gpt1spark.ml;
