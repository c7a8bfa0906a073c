/**
 * Reading and writing GPT-1 checkpoints: the original OpenAI release and the Hugging Face layout.
 */
package dev.gpt1spark.checkpoint;
