package dev.gpt1spark.ml;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.spark.ModelHandle;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * A checkpoint a transformer has read and broadcast, with what it was read for: the folder, the
 * n_head override and the Spark context that holds the broadcast (a broadcast dies with its
 * context, so a new session reads the checkpoint again). The precision is the handle's own: a new
 * one reuses the broadcast.
 */
record LoadedModel(String path, int nHead, SparkContext context, ModelHandle handle) {

    /** Reads the checkpoint on the driver and broadcasts it. */
    static LoadedModel load(SparkSession spark, String path, int nHead, Precision precision) {
        ModelHandle handle =
                ModelHandle.load(
                        spark, path, nHead == 0 ? null : Integer.valueOf(nHead), precision);
        return new LoadedModel(path, nHead, spark.sparkContext(), handle);
    }

    /** Whether this is the checkpoint asked for, still usable in this session. */
    boolean serves(SparkSession spark, String path, int nHead) {
        return this.path.equals(path)
                && this.nHead == nHead
                && context == spark.sparkContext()
                && !context.isStopped();
    }

    /** The same broadcast, computed in {@code precision}. */
    LoadedModel in(Precision precision) {
        return new LoadedModel(path, nHead, context, handle.withPrecision(precision));
    }
}
