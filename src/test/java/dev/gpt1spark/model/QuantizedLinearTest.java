package dev.gpt1spark.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * int8 products against float32 ones: close (relative error of per-row 8-bit quantization, about 1
 * %), never equal (the weights really are quantized), and a row's product independent of the rows
 * beside it.
 */
class QuantizedLinearTest {
    /** Relative Frobenius error of an int8 product; gaussian operands measure about 0.01. */
    private static final double MAX_RELATIVE_ERROR = 0.03;

    @BeforeAll
    static void int8Runs() {
        assumeTrue(Precision.INT8.isNative(), "this CPU has no AVX2: int8 is refused");
    }

    @Test
    void everyOutputWidthIsCloseToFloat32InBothLayouts() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.randomNormal(new Shape(5, 48));
            for (int out = 1; out <= 130; out++) {
                try (NDManager each = manager.newSubManager()) {
                    NDArray outIn = each.randomNormal(new Shape(out, 48));
                    assertCloseButNotEqual(
                            x.matMul(outIn.transpose()),
                            QuantizedLinear.ofOutIn(outIn).apply(x),
                            "out-in width " + out);
                    NDArray inOut = each.randomNormal(new Shape(48, out));
                    assertCloseButNotEqual(
                            x.matMul(inOut),
                            QuantizedLinear.ofInOut(inOut).apply(x),
                            "in-out width " + out);
                }
            }
        }
    }

    @Test
    void gpt1ShapedProductKeepsLeadingShape() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray weight = manager.randomNormal(0, 0.02f, new Shape(768, 3072), DataType.FLOAT32);
            NDArray x = manager.randomNormal(new Shape(2, 16, 768));
            NDArray y = QuantizedLinear.ofInOut(weight).apply(x);
            assertThat(y.getShape()).isEqualTo(new Shape(2, 16, 3072));
            assertCloseButNotEqual(x.matMul(weight), y, "(2, 16, 768) by (768, 3072)");
        }
    }

    @Test
    void aRowsProductDoesNotDependOnTheOtherRows() {
        try (NDManager manager = NDManager.newBaseManager()) {
            QuantizedLinear linear =
                    QuantizedLinear.ofInOut(manager.randomNormal(new Shape(64, 96)));
            NDArray rows = manager.randomNormal(new Shape(9, 64));
            rows.set(new NDIndex("4"), rows.get(new NDIndex("4")).mul(50)); // an outlier row
            NDArray together = linear.apply(rows);
            for (int i = 0; i < 9; i++) {
                NDArray alone = linear.apply(rows.get(new NDIndex(i + ":" + (i + 1))));
                assertThat(alone.toFloatArray())
                        .as("row " + i)
                        .containsExactly(
                                together.get(new NDIndex(i + ":" + (i + 1))).toFloatArray());
            }
        }
    }

    private static void assertCloseButNotEqual(NDArray expected, NDArray actual, String what) {
        assertThat(actual.getShape()).as(what).isEqualTo(expected.getShape());
        double error = actual.sub(expected).norm().getFloat() / expected.norm().getFloat();
        assertThat(error).as(what + " relative error").isLessThanOrEqualTo(MAX_RELATIVE_ERROR);
        assertThat(error).as(what + " relative error (quantized)").isGreaterThan(1e-5);
    }
}
