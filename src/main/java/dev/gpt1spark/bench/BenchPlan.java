package dev.gpt1spark.bench;

/**
 * How much work each measurement does. The shapes of the headline figures (forward 16 × 128,
 * generation 8 × 32-token prompts) are the issue's; quick and smoke shrink iteration counts and
 * corpus sizes, and smoke also the shapes, so that a CI test finishes in seconds.
 *
 * @param name full, quick or smoke
 * @param gemmSize n of the n × n × n matrix product
 * @param gemmReps timed repetitions of the matrix product (the best counts)
 * @param bandwidthMiB size of the array streamed to measure memory bandwidth
 * @param forwardRows rows of the forward batch
 * @param forwardTokens tokens per row of the forward batch
 * @param forwardReps timed forward passes (the best counts)
 * @param generateRows prompts generated together
 * @param promptTokens tokens per prompt
 * @param newTokens tokens generated per prompt, with and without the key/value cache
 * @param decodeSteps timed single-token decode steps
 * @param corpusDocs documents embedded in-process and as a Spark job
 * @param rssDocs documents of the resident-memory run, after its warm-up
 * @param rssWarmupDocs documents embedded before the first resident-memory reading
 */
public record BenchPlan(
        String name,
        int gemmSize,
        int gemmReps,
        int bandwidthMiB,
        int forwardRows,
        int forwardTokens,
        int forwardReps,
        int generateRows,
        int promptTokens,
        int newTokens,
        int decodeSteps,
        int corpusDocs,
        int rssDocs,
        int rssWarmupDocs) {

    /** The figures: about a quarter of an hour on 2 cores. */
    public static BenchPlan full() {
        return new BenchPlan("full", 2048, 5, 512, 16, 128, 5, 8, 32, 128, 32, 1000, 10000, 1000);
    }

    /** The same shapes with fewer repetitions, tokens and documents: about a minute. */
    public static BenchPlan quick() {
        return new BenchPlan("quick", 2048, 4, 256, 16, 128, 2, 8, 32, 16, 8, 64, 300, 60);
    }

    /** Everything once and small: checks that the benchmark runs, measures nothing useful. */
    public static BenchPlan smoke() {
        return new BenchPlan("smoke", 256, 1, 16, 2, 32, 1, 2, 8, 3, 2, 12, 24, 8);
    }
}
