package dev.gpt1spark.inference;

/**
 * How full a generator's decode steps were: each step runs every row of its batch, and only the
 * rows still generating use what it computes.
 *
 * @param decodeSteps cached decode calls (one new column each; prefills not counted)
 * @param rowSteps rows those calls computed, summed over the calls
 * @param busyRowSteps of those, rows whose next token was still wanted
 */
public record Occupancy(long decodeSteps, long rowSteps, long busyRowSteps) {
    public static final Occupancy NONE = new Occupancy(0, 0, 0);

    /** The share of computed rows that were used, 0 to 1 (1 when nothing was computed). */
    public double busyShare() {
        return rowSteps == 0 ? 1 : (double) busyRowSteps / rowSteps;
    }

    /** This and one more step of {@code rows} rows, {@code busy} of them still generating. */
    Occupancy plusStep(int rows, int busy) {
        return new Occupancy(decodeSteps + 1, rowSteps + rows, busyRowSteps + busy);
    }
}
