package dev.gpt1spark.ml;

import dev.gpt1spark.task.TaskKind;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;

/**
 * Tokenizes each document with GPT-1's BPE: the checkpoint's tokenizer when {@link #modelPath()} is
 * set, else the bundled GPT-1 one (no model is read then).
 *
 * <p>Output columns, after the input's: {@code ids array<int>}, {@code tokens array<string>},
 * {@code n_tokens int}, {@code error string}.
 */
public final class Gpt1TokenizeTransformer extends Gpt1Transformer<Gpt1TokenizeTransformer> {
    private static final long serialVersionUID = 1L;

    public Gpt1TokenizeTransformer() {
        this(Identifiable.randomUID("gpt1Tokenize"));
    }

    public Gpt1TokenizeTransformer(String uid) {
        super(uid, TaskKind.TOKENIZE);
    }

    /** Reads a transformer saved with {@code write().save(path)}. */
    public static MLReader<Gpt1TokenizeTransformer> read() {
        return new DefaultParamsReadable<Gpt1TokenizeTransformer>() {}.read();
    }

    public static Gpt1TokenizeTransformer load(String path) {
        return read().load(path);
    }
}
