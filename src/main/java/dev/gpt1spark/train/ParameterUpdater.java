package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.tracker.Tracker;
import dev.gpt1spark.model.Gpt1Network;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Adam steps for the trained parameters of a network, with GPT-1's decoupled weight decay on
 * matrices only.
 *
 * <p>DJL's {@code Trainer} is not used: its {@code ParameterStore} updates only parameters read
 * through {@code store.getValue}, while {@link Gpt1Network} reads its arrays directly (the
 * zero-copy inference path). {@link AdamW} does the update and holds the state a resumed run
 * restores.
 */
final class ParameterUpdater {
    private final AdamW adam;
    private final int stepsDone;
    // the schedule's step is Adam's update count plus this: moments that restart restart the count
    private int scheduleOffset;

    /**
     * Marks the chosen parameters as requiring gradients; Adam starts with zero moments.
     *
     * @param trains which parameters (by Hugging Face name) to train; the rest stay frozen
     * @param stepsDone optimiser steps already taken (a resumed run), for the schedule
     */
    ParameterUpdater(
            Gpt1Network network,
            Predicate<String> trains,
            Tracker learningRate,
            double weightDecay,
            int stepsDone) {
        List<AdamW.Parameter> trained = new ArrayList<>();
        network.forEachParameter(
                (name, parameter) -> {
                    NDArray array = parameter.getArray();
                    boolean train = trains.test(name);
                    array.setRequiresGradient(train);
                    if (train) {
                        boolean matrix = array.getShape().dimension() > 1;
                        trained.add(
                                new AdamW.Parameter(
                                        name, array, matrix ? (float) weightDecay : 0f));
                    }
                });
        if (trained.isEmpty()) {
            throw new IllegalArgumentException("no parameter to train");
        }
        this.stepsDone = stepsDone;
        this.scheduleOffset = stepsDone;
        this.adam = new AdamW(trained, update -> learningRate.getNewValue(update + scheduleOffset));
    }

    /**
     * Continues Adam from the moments saved in an epoch folder.
     *
     * @param updates Adam's update count when they were saved
     * @return false when the folder has none (Adam then starts afresh)
     */
    boolean restore(Path folder, int updates) {
        if (!AdamCheckpoint.read(adam, updates, folder)) {
            return false;
        }
        scheduleOffset = stepsDone - updates;
        return true;
    }

    /** Saves Adam's moments in an epoch folder; {@link #updates()} goes with them. */
    void save(Path folder) {
        AdamCheckpoint.write(adam, folder);
    }

    /** Adam's update count, which its bias correction follows. */
    int updates() {
        return adam.updates();
    }

    /** Number of values trained. */
    long trainedValues() {
        return adam.parameters().stream().mapToLong(p -> p.weight().size()).sum();
    }

    /** One update from the gradients backward() left, which are then zeroed (torch sums them). */
    void step() {
        adam.step();
        for (AdamW.Parameter p : adam.parameters()) {
            JniUtils.zeroGrad((PtNDArray) p.weight());
        }
    }
}
