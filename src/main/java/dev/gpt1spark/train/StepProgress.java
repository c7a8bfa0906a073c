package dev.gpt1spark.train;

import java.util.function.Consumer;

/**
 * Logs a training epoch's progress at most once per interval: step, mean loss since the last line,
 * seconds per step and the time left in the epoch. An epoch of a small model on a CPU takes tens of
 * minutes, so a user needs to see it move.
 */
final class StepProgress {
    private final int epoch;
    private final int stepsInEpoch;
    private final long intervalNanos;
    private final Consumer<String> log;
    private final long epochStart = System.nanoTime();
    private long lastLine = epochStart;
    private int step;
    private double lossSinceLine;
    private int stepsSinceLine;

    StepProgress(int epoch, int stepsInEpoch, double intervalSeconds, Consumer<String> log) {
        this.epoch = epoch;
        this.stepsInEpoch = stepsInEpoch;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
        this.log = log;
    }

    /** Records one finished step with its mean loss; logs when the interval has passed. */
    void stepDone(double loss) {
        step++;
        lossSinceLine += loss;
        stepsSinceLine++;
        long now = System.nanoTime();
        if (now - lastLine < intervalNanos || step == stepsInEpoch) {
            return;
        }
        double secondsPerStep = (now - epochStart) / 1e9 / step;
        log.accept(
                String.format(
                        "epoch %d: step %d/%d, loss %.4f, %.2f s/step, epoch done in %s",
                        epoch,
                        step,
                        stepsInEpoch,
                        lossSinceLine / stepsSinceLine,
                        secondsPerStep,
                        minutes(secondsPerStep * (stepsInEpoch - step))));
        lastLine = now;
        lossSinceLine = 0;
        stepsSinceLine = 0;
    }

    private static String minutes(double seconds) {
        return seconds < 60
                ? String.format("%.0f s", seconds)
                : String.format("%.1f min", seconds / 60);
    }
}
