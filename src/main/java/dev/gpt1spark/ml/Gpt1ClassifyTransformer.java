package dev.gpt1spark.ml;

import dev.gpt1spark.task.TaskKind;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Classifies each document with the checkpoint's sequence-classification head ({@code score.weight}
 * and {@code id2label}); a checkpoint without one fails on the driver.
 *
 * <p>Output columns, after the input's: {@code label string}, {@code label_id int}, {@code
 * probabilities array<float>} (in label-id order), {@code error string}.
 */
public final class Gpt1ClassifyTransformer extends Gpt1Transformer<Gpt1ClassifyTransformer> {
    private static final long serialVersionUID = 1L;

    public Gpt1ClassifyTransformer() {
        this(Identifiable.randomUID("gpt1Classify"));
    }

    public Gpt1ClassifyTransformer(String uid) {
        super(uid, TaskKind.CLASSIFY);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1ClassifyTransformer> read() {
        return new DefaultParamsReadable<Gpt1ClassifyTransformer>() {}.read();
    }

    public static Gpt1ClassifyTransformer load(String path) {
        return read().load(path);
    }
}
