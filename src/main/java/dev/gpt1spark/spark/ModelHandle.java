package dev.gpt1spark.spark;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import java.io.Serializable;
import java.nio.file.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A checkpoint read once on the driver and broadcast to the executors. Executors turn it into one
 * {@link Gpt1Model} per JVM ({@link ExecutorModels}), shared by their task threads.
 */
public final class ModelHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Broadcast<ShippedCheckpoint> broadcast;
    private final String fingerprint;
    private final Precision precision;

    private ModelHandle(
            Broadcast<ShippedCheckpoint> broadcast, String fingerprint, Precision precision) {
        precision.requireRunnable(); // on the driver: int8 on a CPU without AVX2 stops here
        this.broadcast = broadcast;
        this.fingerprint = fingerprint;
        this.precision = precision;
    }

    /**
     * Reads a checkpoint folder (either format) on the driver and broadcasts it.
     *
     * @param nHead heads for an original-format checkpoint without config.json, or null
     */
    public static ModelHandle load(SparkSession spark, Path dir, Integer nHead) {
        return of(spark, CheckpointReader.read(dir, nHead), Precision.DEFAULT);
    }

    /**
     * Reads a checkpoint folder given as a local path or a Hadoop URI ({@code hdfs://…}; copied to
     * a local temporary folder first) on the driver and broadcasts it; executors compute in {@code
     * precision}.
     */
    public static ModelHandle load(
            SparkSession spark, String location, Integer nHead, Precision precision) {
        Path dir = CheckpointFolder.local(location, spark.sparkContext().hadoopConfiguration());
        return of(spark, CheckpointReader.read(dir, nHead), precision);
    }

    /** Broadcasts a checkpoint that is already read. */
    public static ModelHandle of(SparkSession spark, Checkpoint checkpoint) {
        return of(spark, checkpoint, Precision.DEFAULT);
    }

    /** Broadcasts a checkpoint that is already read; executors compute in {@code precision}. */
    public static ModelHandle of(SparkSession spark, Checkpoint checkpoint, Precision precision) {
        // Loaded once here so that a broken tokenizer fails on the driver, not in every task.
        Gpt1Model.tokenizer(checkpoint).close();
        ShippedCheckpoint shipped = new ShippedCheckpoint(checkpoint);
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return new ModelHandle(sc.broadcast(shipped), shipped.fingerprint(), precision);
    }

    /** The checkpoint's fingerprint, also the key of the per-JVM model cache. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The number type executors compute in. */
    public Precision precision() {
        return precision;
    }

    /**
     * The same broadcast checkpoint computed in another precision: executors build a model for it,
     * but nothing is read or sent again (the broadcast holds the checkpoint as stored).
     */
    public ModelHandle withPrecision(Precision other) {
        return other == precision ? this : new ModelHandle(broadcast, fingerprint, other);
    }

    /** The model of this JVM, built from the broadcast on first use. */
    Gpt1Model model() {
        return ExecutorModels.get(fingerprint, precision, broadcast);
    }

    /** The checkpoint as read on the driver (no transfer when called there). */
    public Checkpoint checkpoint() {
        return broadcast.value().checkpoint();
    }
}
