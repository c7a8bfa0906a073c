/**
 * The per-document commands (tokenize, embed, score, generate, classify) as batch functions with a
 * fixed output schema, shared by the command line and the Spark jobs.
 */
package dev.gpt1spark.task;
