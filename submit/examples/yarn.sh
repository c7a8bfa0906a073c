#!/usr/bin/env bash
# Example: a job on YARN (client mode; HADOOP_CONF_DIR must point at the cluster's configuration).
# YARN ships the job jar (target/gpt1-spark-job.jar) to the containers; the checkpoint folder is read by
# the driver only (it is broadcast), so it may be a local path on the submitting machine.
set -euo pipefail

export HADOOP_CONF_DIR="${HADOOP_CONF_DIR:-/etc/hadoop/conf}"
submit/gpt1 score \
  --master yarn \
  --model /data/models/openai-gpt \
  --input hdfs:///corpora/web/part-*.parquet --text-col content --id-col url \
  --output hdfs:///scores/web \
  --mode resume \
  --conf spark.executor.instances=20 \
  --conf spark.executor.cores=4 \
  --conf spark.executor.memory=4g \
  --conf spark.executor.memoryOverhead=3g \
  --conf spark.yarn.maxAppAttempts=1
# --mode resume: if the run dies, the same command finishes it without redoing committed chunks.
