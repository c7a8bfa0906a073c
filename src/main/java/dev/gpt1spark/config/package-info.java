/** A GPT-1 model's shape and task tokens: plain values that checkpoints and the network share. */
package dev.gpt1spark.config;
