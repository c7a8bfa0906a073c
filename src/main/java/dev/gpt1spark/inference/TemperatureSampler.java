package dev.gpt1spark.inference;

import java.util.SplittableRandom;

/**
 * Samples from softmax(logits / temperature), restricted to the top-k tokens and then to the
 * smallest set whose probability reaches top-p (nucleus), in the order Hugging Face applies them.
 *
 * @param temperature > 0; below 1 sharpens, above 1 flattens
 * @param topK keep the k most probable tokens; 0 keeps all
 * @param topP keep the most probable tokens up to this cumulative probability; 1 keeps all
 */
public record TemperatureSampler(float temperature, int topK, float topP) implements Sampler {

    public TemperatureSampler {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 0, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
    }

    @Override
    public int sample(float[] logits, SplittableRandom random) {
        int[] order = candidates(logits);
        double max = logits[order[0]];
        double[] weights = new double[order.length];
        double total = 0;
        for (int i = 0; i < order.length; i++) {
            weights[i] = Math.exp((logits[order[i]] - max) / temperature);
            total += weights[i];
        }
        int keep = order.length;
        if (topP < 1) {
            double cumulative = 0;
            for (int i = 0; i < order.length; i++) {
                cumulative += weights[i] / total;
                if (cumulative >= topP) {
                    keep = i + 1;
                    break;
                }
            }
            total = 0;
            for (int i = 0; i < keep; i++) {
                total += weights[i];
            }
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < keep; i++) {
            u -= weights[i];
            if (u < 0) {
                return order[i];
            }
        }
        return order[keep - 1];
    }

    /** Token ids by descending logit (ties: lower id first), cut to top-k. */
    private int[] candidates(float[] logits) {
        // Sort primitive keys (order-preserving logit bits, then id) instead of boxed indices.
        long[] keys = new long[logits.length];
        for (int i = 0; i < keys.length; i++) {
            int bits = Float.floatToIntBits(-logits[i]);
            bits ^= (bits >> 31) & 0x7fffffff; // negative floats: reverse their order
            keys[i] = ((long) bits << 32) | i;
        }
        RadixSort.sort(keys);
        int n = topK > 0 ? Math.min(topK, keys.length) : keys.length;
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (int) keys[i];
        }
        return ids;
    }
}
