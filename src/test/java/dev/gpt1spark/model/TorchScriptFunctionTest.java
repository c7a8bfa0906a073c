package dev.gpt1spark.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** TorchScript modules written by hand, compiled by libtorch and run on DJL tensors. */
class TorchScriptFunctionTest {

    @Test
    void anExpressionOfOneTensor() {
        try (TorchScriptFunction twice = TorchScriptFunction.of("Twice", "torch.mul(x, 2)");
                NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, -2, 3.5f}, new Shape(3));
            NDArray y = twice.apply(x);
            assertThat(y.toFloatArray()).containsExactly(2, -4, 7);
            assertThat(y.getShape()).isEqualTo(new Shape(3));
        }
    }

    @Test
    void severalTensorsAndScalarsInTheOrderOfForward() {
        String source =
                "def axpy(a: float, x: Tensor, y: Tensor) -> Tensor:\n"
                        + "    return x * a + y  # (N,)\n"
                        + "\n"
                        + "class Scaled(Module):\n"
                        + "  __parameters__ = []\n"
                        + "  __buffers__ = []\n"
                        + "  training : bool\n"
                        + "  def forward(self: __torch__.Scaled, x: Tensor, y: Tensor,\n"
                        + "              n: int, a: float, how: str) -> Tensor:\n"
                        + "    if how == \"sum\":\n"
                        + "        return __torch__.axpy(a, x, y) + n\n"
                        + "    return __torch__.axpy(a, x, y) - n\n";
        try (TorchScriptFunction f = TorchScriptFunction.fromSource("Scaled", source);
                NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1, 2});
            NDArray y = manager.create(new float[] {10, 20});
            assertThat(f.call(x, y, 3, 0.5, "sum").toFloatArray()).containsExactly(13.5f, 24);
            assertThat(f.call(x, y, 3L, 0.5, "difference").toFloatArray())
                    .containsExactly(7.5f, 18);
        }
    }

    @Test
    void theResultBelongsToTheFirstArgumentsManager() {
        try (TorchScriptFunction copy = TorchScriptFunction.of("Copy", "torch.clone(x)");
                NDManager parent = NDManager.newBaseManager()) {
            NDArray y;
            try (NDManager batch = parent.newSubManager()) {
                y = copy.apply(batch.ones(new Shape(2, 2)));
                assertThat(y.getManager()).isSameAs(batch);
            }
            assertThat(y.isReleased()).isTrue();
        }
    }

    @Test
    void castsToBfloat16ThatDjlCannotAskForItself() {
        try (TorchScriptFunction toBf16 =
                        TorchScriptFunction.of(
                                "ToBf16Test", "torch.to(x, " + TorchScriptFunction.BFLOAT16 + ")");
                TorchScriptFunction toFloat =
                        TorchScriptFunction.of("ToFloatTest", "torch.to(x, 6)");
                NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.create(new float[] {1.0f, 1.00390625f, 3.0e38f});
            NDArray back = toFloat.apply(toBf16.apply(x));
            assertThat(back.getDataType()).isEqualTo(DataType.FLOAT32);
            // bf16 keeps float32's exponent but 8 significant bits: 1 + 2^-8 rounds to 1
            assertThat(back.toFloatArray()[0]).isEqualTo(1.0f);
            assertThat(back.toFloatArray()[1]).isEqualTo(1.0f);
            assertThat(back.toFloatArray()[2])
                    .isCloseTo(3.0e38f, org.assertj.core.data.Percentage.withPercentage(0.5));
        }
    }

    @Test
    void sourceLibtorchRefusesIsReportedWithItsMessage() {
        assertThatThrownBy(() -> TorchScriptFunction.of("Broken", "torch.no_such_op(x)"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("libtorch refused TorchScript module Broken")
                .hasMessageContaining("no_such_op");
    }

    @Test
    void argumentsOfOtherTypesAreRefusedBeforeLibtorchSeesThem() {
        try (TorchScriptFunction twice = TorchScriptFunction.of("TwiceAgain", "torch.mul(x, 2)");
                NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.ones(new Shape(1));
            assertThatThrownBy(() -> twice.call(x, 1.5f))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(
                            "a TorchScript argument must be a tensor, an int, a double or a"
                                    + " string, got Float");
        }
    }

    @Test
    void theArchiveIsWhatTorchJitSaveWrites() throws Exception {
        String source = "class M(Module):\n  pass\n";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip =
                new ZipInputStream(
                        new ByteArrayInputStream(TorchScriptFunction.archive("M", source)))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertThat(e.getMethod()).as(e.getName()).isEqualTo(ZipEntry.STORED);
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries)
                .containsOnlyKeys(
                        "M/data.pkl", "M/code/__torch__.py", "M/constants.pkl", "M/version");
        assertThat(new String(entries.get("M/code/__torch__.py"), StandardCharsets.UTF_8))
                .isEqualTo(source);
        assertThat(new String(entries.get("M/version"), StandardCharsets.US_ASCII))
                .isEqualTo("3\n");
        // pickle protocol 2: an instance of __torch__.M
        assertThat(new String(entries.get("M/data.pkl"), StandardCharsets.ISO_8859_1))
                .startsWith("\u0080\u0002c__torch__\nM\n")
                .endsWith(".");
    }
}
