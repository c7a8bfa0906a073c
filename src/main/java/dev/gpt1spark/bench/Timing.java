package dev.gpt1spark.bench;

/** Wall-clock timing of repeated work. */
final class Timing {
    private Timing() {}

    /**
     * Runs {@code work} once untimed (warm-up), then {@code reps} times; the fastest in seconds.
     */
    static double best(int reps, Runnable work) {
        work.run();
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < reps; i++) {
            best = Math.min(best, seconds(work));
        }
        return best;
    }

    /** One timed run, in seconds. */
    static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }
}
