#!/usr/bin/env bash
# Example: a job on a Spark standalone cluster. Run from the project root after `mvn package`.
#
# submit/gpt1 hands the job to spark-submit ($SPARK_HOME/bin/spark-submit when SPARK_HOME is set,
# else Spark's own SparkSubmit from this project's classpath) in client mode: the driver runs
# here, reads the checkpoint once and broadcasts it; each executor JVM builds one model from it.
# The application is target/gpt1-spark-job.jar (the project with DJL, libtorch and the
# tokenizers inside); Spark, Scala and Hadoop are the cluster's.
set -euo pipefail

submit/gpt1 embed \
  --master spark://master-host:7077 \
  --model /shared/models/openai-gpt \
  --input hdfs:///corpora/books/*.jsonl \
  --output hdfs:///embeddings/books \
  --pooling mean --normalize \
  --conf spark.executor.cores=4 \
  --conf spark.task.cpus=2 \
  --conf spark.executor.memory=4g \
  --conf spark.executor.memoryOverhead=3g
# spark.task.cpus=2: two tasks per 4-core executor, each with two torch threads (no
# over-subscription). memoryOverhead: the model's weights and activations live outside the heap.
