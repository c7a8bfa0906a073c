package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Copies a (B, N) tensor into B Java float arrays. */
public final class Rows {
    private Rows() {}

    public static float[][] of(NDArray matrix) {
        int b = (int) matrix.getShape().get(0);
        int n = (int) matrix.getShape().get(1);
        float[] flat = matrix.toType(DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[b][n];
        for (int i = 0; i < b; i++) {
            System.arraycopy(flat, i * n, rows[i], 0, n);
        }
        return rows;
    }
}
