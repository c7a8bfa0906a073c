package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RadixSortTest {
    private static void assertSortsAsArraysSort(long[] keys) {
        long[] expected = keys.clone();
        Arrays.sort(expected);
        RadixSort.sort(keys);
        assertThat(keys).containsExactly(expected);
    }

    @Test
    void anyLongsIncludingNegativeOnesAndDuplicates() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 2, 3, 255, 256, 1_000, 40_478}) {
            assertSortsAsArraysSort(random.longs(n).toArray());
            assertSortsAsArraysSort(random.longs(n, -5, 5).toArray());
        }
        assertSortsAsArraysSort(
                new long[] {Long.MAX_VALUE, -1, 0, Long.MIN_VALUE, 1, Long.MIN_VALUE, -1});
    }

    @Test
    void samplingKeysWhoseHighBytesAllShareSomeDigits() {
        // the sampler's keys: order-preserving logit bits above, the token id below
        SplittableRandom random = new SplittableRandom(4);
        long[] keys = new long[40_478];
        for (int i = 0; i < keys.length; i++) {
            int bits = Float.floatToIntBits((float) -random.nextGaussian());
            bits ^= (bits >> 31) & 0x7fffffff;
            keys[i] = ((long) bits << 32) | i;
        }
        assertSortsAsArraysSort(keys);
        long[] sameLogit = new long[1_000];
        for (int i = 0; i < sameLogit.length; i++) {
            sameLogit[i] = (7L << 32) | (sameLogit.length - i);
        }
        assertSortsAsArraysSort(sameLogit);
    }
}
