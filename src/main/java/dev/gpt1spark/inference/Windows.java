package dev.gpt1spark.inference;

import java.util.ArrayList;
import java.util.List;

/** Overlapping windows over a sequence longer than the model's n_positions. */
public final class Windows {
    private Windows() {}

    /**
     * Windows {@code [begin, end)} of at most {@code size} tokens starting every {@code stride}
     * tokens, until one reaches the end (the Hugging Face perplexity guide's loop).
     */
    public static List<int[]> of(int length, int size, int stride) {
        if (stride < 1 || stride > size) {
            throw new IllegalArgumentException(
                    "window stride must be between 1 and " + size + ", got " + stride);
        }
        List<int[]> windows = new ArrayList<>();
        for (int begin = 0; ; begin += stride) {
            int end = Math.min(begin + size, length);
            windows.add(new int[] {begin, end});
            if (end == length) {
                return windows;
            }
        }
    }

    static long[] slice(long[] ids, int[] window) {
        long[] out = new long[window[1] - window[0]];
        System.arraycopy(ids, window[0], out, 0, out.length);
        return out;
    }
}
