/**
 * The Spark side: reading corpora, shipping the model to executors, running tasks per partition and
 * writing Parquet.
 */
package dev.gpt1spark.spark;
