package dev.gpt1spark.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.gpt1spark.model.Gpt1Model;

/**
 * How far a reduced-precision model drifts from float32 on the same batch: the largest absolute
 * difference of any hidden state, and the smallest cosine between the rows' mean-pooled vectors
 * (what embed writes).
 *
 * @param maxAbsHidden largest |hidden − hidden_fp32| over the batch
 * @param minPooledCosine smallest cosine similarity of a row's pooled vector to float32's
 */
record PrecisionComparison(double maxAbsHidden, double minPooledCosine) {

    static PrecisionComparison of(Gpt1Model fp32, Gpt1Model other, long[][] ids) {
        try (NDManager manager = fp32.newManager()) {
            NDArray reference = hidden(fp32, manager, ids);
            NDArray candidate = hidden(other, manager, ids);
            double maxAbs = reference.sub(candidate).abs().max().getFloat();
            float[] a = reference.mean(new int[] {1}).toFloatArray(); // (B, D) flattened
            float[] b = candidate.mean(new int[] {1}).toFloatArray();
            int d = fp32.config().nEmbd();
            double minCosine = 1;
            for (int row = 0; row < ids.length; row++) {
                minCosine = Math.min(minCosine, cosine(a, b, row * d, d));
            }
            return new PrecisionComparison(maxAbs, minCosine);
        }
    }

    private static NDArray hidden(Gpt1Model model, NDManager manager, long[][] ids) {
        NDArray input = RandomTokens.array(manager, ids);
        return model.network()
                .hiddenStates(input, null, null, null)
                .toType(DataType.FLOAT32, false);
    }

    private static double cosine(float[] a, float[] b, int offset, int d) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = offset; j < offset + d; j++) {
            dot += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        return dot / Math.sqrt(na * nb);
    }
}
