package dev.gpt1spark.inference;

/**
 * The width every row of a batch is padded to: the longest row rounded up to whole {@link #LANES}.
 *
 * <p>Why: it makes a row's results independent of the rows beside it (docs/batching.md). libtorch's
 * CPU attention sums a row's keys in vectors of up to 16 floats and the keys left over one by one.
 * With a width that is a multiple of 16 nothing is left over, each key of a row stays in the same
 * lane whatever the width, and a pad key adds an exact zero. Right padding (forward passes) appends
 * such zeros; left padding (generation) puts a whole number of lanes more of them in front. The
 * other kernels compute each row alone, whatever the row count.
 */
public final class PaddedWidth {
    /** Floats per vector of the widest vector unit libtorch uses on a CPU (AVX-512). */
    public static final int LANES = 16;

    private PaddedWidth() {}

    /** The padded width of a batch whose longest row has {@code longest} tokens. */
    public static int of(int longest) {
        if (longest < 1) {
            throw new IllegalArgumentException("a batch's longest row must have a token");
        }
        return (longest + LANES - 1) / LANES * LANES;
    }
}
