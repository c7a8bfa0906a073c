package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.gpt1spark.model.Gpt1Block;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Adam steps for the trained parameters of a block, with GPT-1's decoupled weight decay on matrices
 * only.
 *
 * <p>DJL's {@code Trainer} is not used: its {@code ParameterStore} updates only parameters read
 * through {@code store.getValue}, while {@link Gpt1Block} reads its arrays directly (the zero-copy
 * inference path). DJL's own AdamW does the update; two instances share the schedule, one with
 * weight decay for matrices and one without for biases and LayerNorm gains/shifts (DJL applies one
 * decay to every parameter it is given).
 */
final class ParameterUpdater {
    private record Trained(String name, NDArray array, boolean decays) {}

    private final List<Trained> trained = new ArrayList<>();
    private final Optimizer decayed;
    private final Optimizer plain;

    /**
     * Marks the chosen parameters as requiring gradients.
     *
     * @param trains which parameters (by Hugging Face name) to train; the rest stay frozen
     * @param stepsDone optimiser steps already taken (a resumed run), for the schedule
     */
    ParameterUpdater(
            Gpt1Block block,
            Predicate<String> trains,
            Tracker learningRate,
            double weightDecay,
            int stepsDone) {
        block.forEachParameter(
                (name, parameter) -> {
                    NDArray array = parameter.getArray();
                    boolean train = trains.test(name);
                    array.setRequiresGradient(train);
                    if (train) {
                        trained.add(new Trained(name, array, array.getShape().dimension() > 1));
                    }
                });
        if (trained.isEmpty()) {
            throw new IllegalArgumentException("no parameter to train");
        }
        // A resumed run continues the schedule but starts Adam's moments afresh: its update count
        // (which also drives bias correction) restarts, so the schedule is shifted instead.
        Tracker shifted = update -> learningRate.getNewValue(update + stepsDone);
        this.decayed = adamW(shifted, weightDecay);
        this.plain = adamW(shifted, 0);
    }

    private static Optimizer adamW(Tracker learningRate, double weightDecay) {
        return Optimizer.adamW()
                .optLearningRateTracker(learningRate)
                .optWeightDecays((float) weightDecay)
                .build();
    }

    /** Number of values trained. */
    long trainedValues() {
        return trained.stream().mapToLong(t -> t.array().size()).sum();
    }

    /** One update from the gradients backward() left, which are then zeroed (torch sums them). */
    void step() {
        for (Trained t : trained) {
            try (NDArray grad = t.array().getGradient()) {
                (t.decays() ? decayed : plain).update(t.name(), t.array(), grad);
            }
            JniUtils.zeroGrad((PtNDArray) t.array());
        }
    }
}
