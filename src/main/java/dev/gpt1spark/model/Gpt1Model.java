package dev.gpt1spark.model;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Translator;
import dev.gpt1spark.Offline;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.TensorData;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.HashSet;
import java.util.Set;

/**
 * A loaded GPT-1: the DJL model holding a {@link Gpt1Network} with the checkpoint's weights, and
 * the tokenizer that goes with it. Thread-safe for inference; give each thread its own {@link
 * Predictor} or {@link NDManager}.
 *
 * <pre>{@code
 * try (Gpt1Model model = Gpt1Model.load(CheckpointReader.read(dir, null))) { ... }
 * }</pre>
 */
public final class Gpt1Model implements AutoCloseable {
    private final Model model;
    private final Gpt1Network network;
    private final Gpt1Tokenizer tokenizer;
    private final Checkpoint checkpoint;
    private final Precision precision;

    private Gpt1Model(
            Model model,
            Gpt1Network network,
            Gpt1Tokenizer tokenizer,
            Checkpoint checkpoint,
            Precision precision) {
        this.model = model;
        this.network = network;
        this.tokenizer = tokenizer;
        this.checkpoint = checkpoint;
        this.precision = precision;
    }

    /**
     * Builds the float32 model from a checkpoint. Weights are not copied: each tensor views the
     * checkpoint's (usually memory-mapped) buffer, which stays referenced while the model lives.
     */
    public static Gpt1Model load(Checkpoint checkpoint) {
        return load(checkpoint, Precision.FP32, null);
    }

    /**
     * Builds the model computing in {@code precision}. Other than float32, each weight is cast once
     * here (a native copy in the smaller type; the float32 view is freed at once).
     */
    public static Gpt1Model load(Checkpoint checkpoint, Precision precision) {
        return load(checkpoint, precision, null);
    }

    /**
     * Builds an inference model whose blocks run op by op, one DJL call per operation, as training
     * runs them, instead of one fused call each: the same arithmetic, for tests and comparisons.
     */
    public static Gpt1Model loadOpByOp(Checkpoint checkpoint, Precision precision) {
        if (precision.quantized()) {
            throw new IllegalArgumentException("int8 runs only through the fused inference blocks");
        }
        return load(checkpoint, precision, null, false);
    }

    /**
     * Builds a model whose weights training may change: each tensor is copied into memory owned by
     * the engine (in-place updates must never reach a memory-mapped checkpoint file), as {@code
     * dataType} (FLOAT32 for training, FLOAT64 for gradient checks). Gradients are not yet
     * required; the trainer picks the parameters it trains.
     */
    public static Gpt1Model loadTrainable(Checkpoint checkpoint, DataType dataType) {
        return load(checkpoint, Precision.FP32, dataType);
    }

    private static Gpt1Model load(
            Checkpoint checkpoint, Precision precision, DataType trainableType) {
        return load(checkpoint, precision, trainableType, trainableType == null);
    }

    private static Gpt1Model load(
            Checkpoint checkpoint, Precision precision, DataType trainableType, boolean fuse) {
        Offline.ensure();
        ModelConfig config = checkpoint.config();
        Gpt1Network network = new Gpt1Network(config, precision);
        Model model = Model.newInstance("gpt1", Device.cpu(), "PyTorch");
        try {
            model.setBlock(network);
            NDManager manager = model.getNDManager();
            Set<String> used = new HashSet<>();
            network.forEachParameter(
                    (name, parameter) -> {
                        TensorData tensor = checkpoint.tensor(name);
                        NDArray weights =
                                manager.create(
                                        tensor.data(), new Shape(tensor.shape()), DataType.FLOAT32);
                        NDArray array =
                                trainableType == null
                                        ? precision.cast(weights)
                                        // a cast to another type copies; duplicate() otherwise
                                        : trainableType == DataType.FLOAT32
                                                ? weights.duplicate()
                                                : weights.toType(trainableType, false);
                        if (array != weights) {
                            weights.close(); // only the copy is kept
                        }
                        parameter.setArray(array);
                        used.add(name);
                    });
            if (fuse) {
                network.packWeights();
            }
            Set<String> unused = new HashSet<>(checkpoint.tensors().keySet());
            unused.removeAll(used);
            if (!unused.isEmpty()) {
                throw new IllegalArgumentException(
                        "checkpoint tensors the model does not use: " + unused);
            }
            return new Gpt1Model(model, network, tokenizer(checkpoint), checkpoint, precision);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public ModelConfig config() {
        return network.config();
    }

    /** The number type the model computes in. */
    public Precision precision() {
        return precision;
    }

    public Gpt1Network network() {
        return network;
    }

    public Gpt1Tokenizer tokenizer() {
        return tokenizer;
    }

    public Checkpoint checkpoint() {
        return checkpoint;
    }

    /** A manager for one batch of work; close it to free every tensor the batch made. */
    public NDManager newManager() {
        return model.getNDManager().newSubManager();
    }

    /** A predictor for one thread. */
    public <I, O> Predictor<I, O> newPredictor(Translator<I, O> translator) {
        return model.newPredictor(translator);
    }

    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }

    /**
     * The checkpoint's tokenizer (the bundled GPT-1 one when it has no files), checked against the
     * model's vocabulary. A Spark job calls it on the driver, so a broken tokenizer stops the job
     * before any task runs.
     *
     * @throws IllegalArgumentException naming the file when the tokenizer cannot be loaded, or when
     *     it has more tokens than the model
     */
    public static Gpt1Tokenizer tokenizer(Checkpoint checkpoint) {
        Gpt1Tokenizer tokenizer =
                checkpoint
                        .tokenizerFiles()
                        .map(Gpt1Tokenizer::load)
                        .orElseGet(Gpt1Tokenizer::bundled);
        int vocab = checkpoint.config().vocabSize();
        if (tokenizer.vocabSize() > vocab) {
            tokenizer.close();
            throw new IllegalArgumentException(
                    "the tokenizer has "
                            + tokenizer.vocabSize()
                            + " tokens but the model's vocabulary only "
                            + vocab);
        }
        return tokenizer;
    }
}
