package dev.gpt1spark.inference;

/**
 * Sorts longs ascending, the same order as {@code Arrays.sort}, in a few linear passes: one per
 * byte, the least significant first, skipping a byte every key shares. Drawing a sampled token
 * sorts a key per vocabulary entry; a comparison sort of 40,478 keys cost several times more.
 */
final class RadixSort {
    private static final int BITS = 8;
    private static final int BUCKETS = 1 << BITS;
    private static final int DIGITS = Long.SIZE / BITS;

    private RadixSort() {}

    static void sort(long[] keys) {
        int n = keys.length;
        if (n < 2) {
            return;
        }
        int[][] counts = new int[DIGITS][BUCKETS];
        for (long key : keys) {
            long unsigned = key ^ Long.MIN_VALUE; // signed order as unsigned byte order
            for (int d = 0; d < DIGITS; d++) {
                counts[d][digit(unsigned, d)]++;
            }
        }
        long[] from = keys;
        long[] to = new long[n];
        for (int d = 0; d < DIGITS; d++) {
            int[] count = counts[d];
            if (count[digit(from[0] ^ Long.MIN_VALUE, d)] == n) {
                continue;
            }
            int start = 0;
            for (int b = 0; b < BUCKETS; b++) {
                int c = count[b];
                count[b] = start;
                start += c;
            }
            for (long key : from) {
                to[count[digit(key ^ Long.MIN_VALUE, d)]++] = key;
            }
            long[] swap = from;
            from = to;
            to = swap;
        }
        if (from != keys) {
            System.arraycopy(from, 0, keys, 0, n);
        }
    }

    private static int digit(long unsigned, int d) {
        return (int) (unsigned >>> (d * BITS)) & (BUCKETS - 1);
    }
}
