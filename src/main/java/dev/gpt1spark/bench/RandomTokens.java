package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;

/** Seeded random token ids, for measurements whose cost does not depend on the text. */
final class RandomTokens {
    private RandomTokens() {}

    static long[][] rows(int rows, int tokens, int vocabSize, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[][] ids = new long[rows][tokens];
        for (long[] row : ids) {
            for (int j = 0; j < tokens; j++) {
                row[j] = random.nextInt(vocabSize);
            }
        }
        return ids;
    }

    /** The rows as one (rows, tokens) int64 array. */
    static NDArray array(NDManager manager, long[][] rows) {
        int t = rows[0].length;
        long[] flat = new long[rows.length * t];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * t, t);
        }
        return manager.create(flat, new Shape(rows.length, t));
    }
}
