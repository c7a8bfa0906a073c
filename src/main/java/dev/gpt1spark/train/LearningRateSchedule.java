package dev.gpt1spark.train;

import ai.djl.training.tracker.LinearTracker;
import ai.djl.training.tracker.Tracker;
import ai.djl.training.tracker.WarmUpTracker;

/** GPT-1's schedule: linear warm-up from 0 to the peak, then linear decay to 0 at the last step. */
final class LearningRateSchedule {
    private LearningRateSchedule() {}

    /** Warm-up steps for a run of {@code totalSteps}: the fraction, rounded, at least 1 if > 0. */
    static int warmupSteps(int totalSteps, double warmupFraction) {
        return warmupFraction == 0 ? 0 : Math.max(1, (int) Math.round(totalSteps * warmupFraction));
    }

    /** The schedule of a run over {@code examples} training examples with these options. */
    static Tracker forRun(TrainingOptions options, int examples) {
        return create(
                options.learningRate(),
                TrainingLoop.stepsPerEpoch(examples, options) * options.epochs(),
                options.warmupFraction());
    }

    /** The rate for each optimiser update count (DJL counts from 1). */
    static Tracker create(double peak, int totalSteps, double warmupFraction) {
        int warmup = warmupSteps(totalSteps, warmupFraction);
        float lr = (float) peak;
        int decaySteps = Math.max(1, totalSteps - warmup);
        Tracker decay =
                LinearTracker.builder()
                        .setBaseValue(lr)
                        .optSlope(-lr / decaySteps)
                        .optMinValue(0f)
                        .build();
        if (warmup == 0) {
            return decay;
        }
        return WarmUpTracker.builder()
                .setMainTracker(decay)
                .optWarmUpSteps(warmup)
                .optWarmUpBeginValue(0f)
                .optWarmUpMode(WarmUpTracker.Mode.LINEAR)
                .build();
    }
}
