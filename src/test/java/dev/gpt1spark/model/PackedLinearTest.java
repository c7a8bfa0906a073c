package dev.gpt1spark.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PackedLinearTest {
    @Test
    void conv1dLayoutMatchesMatmulForAnyLeadingShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.randomNormal(new Shape(64, 96)); // [in, out]
            PackedLinear packed = PackedLinear.ofInOut(weight).orElseThrow();
            for (Shape shape :
                    new Shape[] {new Shape(1, 64), new Shape(7, 64), new Shape(2, 3, 64)}) {
                NDArray x = manager.randomNormal(shape);
                assertClose(x.matMul(weight), packed.apply(x));
            }
        }
    }

    @Test
    void linearLayoutWithoutBiasTakesStridedInput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.randomNormal(new Shape(50, 32)); // [out, in], like the LM head
            PackedLinear packed = PackedLinear.ofOutIn(weight).orElseThrow();
            NDArray hidden = manager.randomNormal(new Shape(4, 6, 32));
            NDArray last = hidden.get(new NDIndex(":, -1")); // (4, 32), a strided view
            assertClose(last.matMul(weight.transpose()), packed.apply(last));
        }
    }

    @Test
    void everyOutputWidthMatchesMatmul() {
        // libtorch 2.7.1's oneDNN gets widths such as 33-48 and 65-112 wrong on AVX-512 CPUs
        // unless the packed rows are padded to a multiple of 64 (packed_linear.py)
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(3, 32));
            for (int out = 1; out <= 130; out++) {
                try (NDManager each = manager.newSubManager()) {
                    NDArray outIn = each.randomNormal(new Shape(out, 32));
                    assertClose(
                            x.matMul(outIn.transpose()),
                            PackedLinear.ofOutIn(outIn).orElseThrow().apply(x));
                    NDArray inOut = each.randomNormal(new Shape(32, out));
                    assertClose(
                            x.matMul(inOut), PackedLinear.ofInOut(inOut).orElseThrow().apply(x));
                }
            }
        }
    }

    @Test
    void everyOutputWidthMatchesMatmulInBfloat16WhereNative() {
        assumeTrue(Precision.BF16.isNative(), "this CPU has no native bf16 arithmetic");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(3, 32));
            NDArray xBf16 = Precision.BF16.cast(x);
            for (int out = 1; out <= 130; out++) {
                try (NDManager each = manager.newSubManager()) {
                    NDArray w = each.randomNormal(new Shape(32, out));
                    NDArray product =
                            PackedLinear.ofInOut(Precision.BF16.cast(w)).orElseThrow().apply(xBf16);
                    // against float32 products of the same bf16-rounded operands: only the
                    // output's rounding (8 significant bits) remains
                    NDArray expected = asFloat(xBf16).matMul(asFloat(Precision.BF16.cast(w)));
                    assertClose(expected, asFloat(product), 1e-2f);
                }
            }
        }
    }

    private static NDArray asFloat(NDArray x) {
        return x.toType(DataType.FLOAT32, false);
    }

    private static void assertClose(NDArray expected, NDArray actual) {
        assertClose(expected, actual, 1e-4f);
    }

    private static void assertClose(NDArray expected, NDArray actual, float relative) {
        assertArrayEquals(expected.getShape().getShape(), actual.getShape().getShape());
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            assertTrue(
                    Math.abs(e[i] - a[i]) <= relative * (1 + Math.abs(e[i])),
                    i + ": " + e[i] + " vs " + a[i]);
        }
    }
}
