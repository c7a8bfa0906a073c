/**
 * {@code gpt1 bench}: throughput measured against this machine's own limits, each figure a class.
 */
package dev.gpt1spark.bench;
