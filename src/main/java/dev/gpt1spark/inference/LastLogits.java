package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.model.AttentionMask;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.model.KvCache;

/** One model call of generation: some columns of a batch in, each row's next-token logits out. */
final class LastLogits {
    private LastLogits() {}

    /**
     * Runs columns [from, to) and returns each row's next-token logits at column to − 1.
     *
     * @param sequence each row's token ids by column
     * @param positions each row's position ids by column
     * @param real whether each row's column holds a real token (pads are hidden from real queries)
     * @param cache the columns before {@code from} (extended in place), or null to run from 0
     */
    static float[][] of(
            Gpt1Network network,
            NDManager parent,
            long[][] sequence,
            long[][] positions,
            boolean[][] real,
            int from,
            int to,
            KvCache cache) {
        int b = sequence.length;
        int t = to - from;
        long[] ids = new long[b * t];
        long[] pos = new long[b * t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(sequence[r], from, ids, r * t, t);
            System.arraycopy(positions[r], from, pos, r * t, t);
        }
        try (NDManager step = parent.newSubManager()) {
            NDArray idArray = step.create(ids, new Shape(b, t));
            NDArray posArray = step.create(pos, new Shape(b, t));
            NDArray mask = AttentionMask.padded(step, real, t, from, network.precision());
            NDArray hidden = network.hiddenStates(idArray, posArray, mask, cache); // (B, t, D)
            NDArray last = hidden.get(new NDIndex(":, -1")); // (B, D)
            return Rows.of(network.lmLogits(last)); // (B, V)
        }
    }
}
