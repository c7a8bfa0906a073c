#!/usr/bin/env bash
# Example: a job on Kubernetes in client mode (the driver runs here; executors are pods).
# The executor image needs Java 17 and Spark 4.1 (e.g. apache/spark:4.1.0); spark-submit serves
# the job jar to the executors from the driver. Input and output must be on a
# file system every pod reaches (s3a://, hdfs://, a shared volume).
set -euo pipefail

submit/gpt1 generate \
  --master k8s://https://kubernetes.default.svc:443 \
  --model /models/openai-gpt \
  --input s3a://corpora/prompts/ --input-format jsonl \
  --output s3a://outputs/continuations \
  --strategy sample --top-p 0.9 --seed 7 --max-new-tokens 64 \
  --conf spark.kubernetes.container.image=apache/spark:4.1.0 \
  --conf spark.executor.instances=8 \
  --conf spark.executor.cores=4 \
  --conf spark.kubernetes.executor.request.cores=4 \
  --conf spark.executor.memory=4g \
  --conf spark.executor.memoryOverhead=3g \
  --conf spark.driver.host="$(hostname -i)"
