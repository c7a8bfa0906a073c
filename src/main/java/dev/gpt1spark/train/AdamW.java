package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.tracker.Tracker;
import dev.gpt1spark.checkpoint.TensorData;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay, the same arithmetic as DJL's {@code Optimizer.adamW()} on the
 * PyTorch engine (its defaults, its bias correction folded into the step size, epsilon added to the
 * uncorrected root, decay {@code w -= lr * wd * w} before the Adam step).
 *
 * <p>DJL's own AdamW is not used because its moment estimates are private: they cannot be saved
 * with a checkpoint, so a resumed run would not continue the same optimisation. Here the moments
 * are NDArrays beside the weights (on their manager), updated in place.
 */
final class AdamW {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    /**
     * A parameter Adam updates from the gradient backward() left on it.
     *
     * @param name Hugging Face name, the key of its moments
     * @param weightDecay decoupled weight decay, 0 for none
     */
    record Parameter(String name, NDArray weight, float weightDecay) {}

    private final List<Parameter> parameters;
    private final Tracker learningRate;
    private final Map<String, NDArray> means = new HashMap<>();
    private final Map<String, NDArray> variances = new HashMap<>();
    private int updates;

    /**
     * Starts with zero moments.
     *
     * @param learningRate the rate for each update count, counted from 1 as DJL does
     */
    AdamW(List<Parameter> parameters, Tracker learningRate) {
        this.parameters = List.copyOf(parameters);
        this.learningRate = learningRate;
        for (Parameter p : this.parameters) {
            means.put(p.name(), p.weight().zerosLike());
            variances.put(p.name(), p.weight().zerosLike());
        }
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /** Updates taken, which sets the bias correction of the next one. */
    int updates() {
        return updates;
    }

    /** First moment estimate of a parameter (torch's {@code exp_avg}), live. */
    NDArray mean(String name) {
        return means.get(name);
    }

    /** Second moment estimate of a parameter (torch's {@code exp_avg_sq}), live. */
    NDArray variance(String name) {
        return variances.get(name);
    }

    /** Continues saved state: the update count and every parameter's moments (copied). */
    void restore(
            int updates,
            Map<String, TensorData> savedMeans,
            Map<String, TensorData> savedVariances) {
        for (Parameter p : parameters) {
            replace(means, p, savedMeans.get(p.name()));
            replace(variances, p, savedVariances.get(p.name()));
        }
        this.updates = updates;
    }

    private static void replace(Map<String, NDArray> moments, Parameter p, TensorData saved) {
        NDArray weight = p.weight();
        if (weight.getDataType() != DataType.FLOAT32) {
            throw new IllegalArgumentException(
                    "saved moments are float32; " + p.name() + " is " + weight.getDataType());
        }
        if (saved == null || !Arrays.equals(saved.shape(), weight.getShape().getShape())) {
            throw new IllegalArgumentException(
                    "no saved moment of shape " + weight.getShape() + " for " + p.name());
        }
        NDArray restored;
        // duplicate(): the saved data may be a mapped file, which in-place updates must not reach
        try (NDArray mapped =
                weight.getManager()
                        .create(saved.data(), new Shape(saved.shape()), DataType.FLOAT32)) {
            restored = mapped.duplicate();
        }
        moments.put(p.name(), restored).close();
    }

    /** One update of every parameter from its gradient. */
    void step() {
        updates++;
        float rate = learningRate.getNewValue(updates);
        if (!Float.isFinite(rate)) {
            throw new IllegalStateException("learning rate " + rate + " at update " + updates);
        }
        float correctedRate =
                (float)
                        (rate
                                * Math.sqrt(1 - Math.pow(BETA2, updates))
                                / (1 - Math.pow(BETA1, updates)));
        for (Parameter p : parameters) {
            try (NDArray grad = p.weight().getGradient()) {
                update(p, grad, rate, correctedRate);
            }
        }
    }

    private void update(Parameter p, NDArray grad, float rate, float correctedRate) {
        NDArray weight = p.weight();
        NDArray mean = means.get(p.name());
        NDArray variance = variances.get(p.name());
        if (p.weightDecay() != 0) {
            try (NDArray decay = weight.mul(rate)) {
                weight.subi(decay.muli(p.weightDecay()));
            }
        }
        try (NDArray scaled = grad.mul(1 - BETA1)) {
            mean.muli(BETA1).addi(scaled);
        }
        try (NDArray squared = grad.square()) {
            variance.muli(BETA2).addi(squared.muli(1 - BETA2));
        }
        try (NDArray root = variance.sqrt();
                NDArray delta = mean.mul(correctedRate)) {
            weight.subi(delta.divi(root.addi(EPSILON)));
        }
    }
}
