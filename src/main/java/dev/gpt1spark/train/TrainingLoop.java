package dev.gpt1spark.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The loop pre-training and fine-tuning share: epochs of shuffled batches, one optimiser step per
 * batch, progress lines, and a callback at the end of each epoch (validation, report, checkpoint).
 *
 * <p>Each epoch shuffles the training examples with {@code seed + epoch}, so a resumed run sees the
 * batches an uninterrupted one would. Each step's tensors live in one NDManager closed after the
 * step; gradients are recorded only inside the step's GradientCollector, so evaluation in the
 * callback builds no graph.
 *
 * @param <E> a training example as the objective reads it
 */
final class TrainingLoop<E> {
    /** Seconds between progress lines within an epoch. */
    static final double PROGRESS_INTERVAL_S = 60;

    /** What a step minimises. */
    interface Objective<E> {
        /**
         * The loss of one batch, built on {@code manager} while gradients are recorded.
         *
         * @param batch the step's examples, in the epoch's shuffled order
         */
        LossTerms loss(NDManager manager, List<E> batch);
    }

    /**
     * Where a run starts.
     *
     * @param epoch the first epoch to train, 1-based
     * @param steps optimiser steps already taken (a resumed run)
     * @param dropoutSeed seeds torch's generator, which draws the dropout masks
     */
    record Start(int epoch, int steps, long dropoutSeed) {}

    /**
     * An epoch whose steps are done, handed to the callback before the next one starts.
     *
     * @param epoch 1-based
     * @param steps optimiser steps taken so far, earlier epochs included
     * @param meanLoss the mean over the epoch's steps
     * @param startNanos {@link System#nanoTime()} when the epoch started
     */
    record EpochTrained(int epoch, int steps, TrainLoss meanLoss, long startNanos) {
        /** Seconds since the epoch started. */
        double seconds() {
            return (System.nanoTime() - startNanos) / 1e9;
        }
    }

    private final Gpt1Model model;
    private final TrainingOptions options;
    private final ParameterUpdater updater;
    private final Consumer<String> log;

    /**
     * @param updater steps the trained parameters; its schedule spans {@link #stepsPerEpoch} times
     *     the epochs
     * @param log receives the progress lines
     */
    TrainingLoop(
            Gpt1Model model,
            TrainingOptions options,
            ParameterUpdater updater,
            Consumer<String> log) {
        this.model = model;
        this.options = options;
        this.updater = updater;
        this.log = log;
    }

    /** Optimiser steps per epoch: batches of the batch size, the last one possibly smaller. */
    static int stepsPerEpoch(int examples, TrainingOptions options) {
        return (examples + options.batchSize() - 1) / options.batchSize();
    }

    /**
     * Trains the epochs from {@code start.epoch()} to the last.
     *
     * @param epochEnd called after each epoch's last step
     * @return optimiser steps taken in all, those before {@code start} included
     */
    int run(List<E> train, Objective<E> objective, Start start, Consumer<EpochTrained> epochEnd) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        int stepsPerEpoch = stepsPerEpoch(train.size(), options);
        int steps = start.steps();
        Engine.getEngine("PyTorch").setRandomSeed((int) start.dropoutSeed());
        JniUtils.setGradMode(false); // gradients only inside a step's GradientCollector
        for (int epoch = start.epoch(); epoch <= options.epochs(); epoch++) {
            long epochStart = System.nanoTime();
            List<E> shuffled = shuffled(train, options.seed() + epoch);
            TrainLoss sum = TrainLoss.ZERO;
            StepProgress progress =
                    new StepProgress(epoch, stepsPerEpoch, PROGRESS_INTERVAL_S, log);
            for (int from = 0; from < shuffled.size(); from += options.batchSize()) {
                List<E> batch =
                        shuffled.subList(
                                from, Math.min(shuffled.size(), from + options.batchSize()));
                TrainLoss loss = step(objective, batch);
                updater.step();
                steps++;
                sum = sum.plus(loss);
                progress.stepDone(loss.total());
            }
            epochEnd.accept(
                    new EpochTrained(epoch, steps, sum.dividedBy(stepsPerEpoch), epochStart));
        }
        return steps;
    }

    /** Forward and backward of one batch; the gradients stay on the parameters for the update. */
    private TrainLoss step(Objective<E> objective, List<E> batch) {
        try (NDManager manager = model.newManager()) {
            LossTerms terms;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                terms = objective.loss(manager, batch);
                collector.backward(terms.total());
            }
            return terms.values();
        }
    }

    /** Shuffling a copy permutes as shuffling the indices would: the swaps depend on the size. */
    private static <E> List<E> shuffled(List<E> examples, long seed) {
        List<E> out = new ArrayList<>(examples);
        Collections.shuffle(out, new Random(seed));
        return out;
    }
}
