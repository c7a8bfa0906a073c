package dev.gpt1spark.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.Spelling;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which precisions a CPU computes natively, from its flags: no test here depends on this CPU. */
class PrecisionTest {
    private static final Set<String> AVX2_ONLY = Set.of("sse4_2", "avx", "avx2", "fma", "f16c");
    private static final Set<String> ZEN5 =
            Set.of("avx2", "avx512f", "avx512bw", "avx512_bf16", "avx512_vnni");
    private static final Set<String> SAPPHIRE_RAPIDS =
            Set.of("avx512f", "avx512_bf16", "avx512_fp16", "amx_bf16", "amx_int8", "amx_tile");

    @Test
    void float32IsNativeEverywhere() {
        for (Set<String> cpu : List.of(AVX2_ONLY, ZEN5, SAPPHIRE_RAPIDS, Set.<String>of())) {
            assertThat(Precision.FP32.isNativeWith(cpu)).isTrue();
        }
        assertThat(Precision.FP32.isNative()).isTrue();
    }

    @Test
    void aWeightTakesFourTwoOrOneBytes() {
        assertThat(Precision.FP32.bytesPerWeight()).isEqualTo(4);
        assertThat(Precision.FP16.bytesPerWeight()).isEqualTo(2);
        assertThat(Precision.BF16.bytesPerWeight()).isEqualTo(2);
        assertThat(Precision.INT8.bytesPerWeight()).isEqualTo(1);
    }

    @Test
    void reducedPrecisionsNeedTheirArithmeticFlags() {
        assertThat(Precision.BF16.isNativeWith(AVX2_ONLY)).isFalse();
        assertThat(Precision.FP16.isNativeWith(AVX2_ONLY)).isFalse();
        assertThat(Precision.BF16.isNativeWith(ZEN5)).isTrue();
        assertThat(Precision.FP16.isNativeWith(ZEN5)).isFalse();
        assertThat(Precision.BF16.isNativeWith(SAPPHIRE_RAPIDS)).isTrue();
        assertThat(Precision.FP16.isNativeWith(SAPPHIRE_RAPIDS)).isTrue();
        assertThat(Precision.FP16.isNativeWith(Set.of("amx_fp16"))).isTrue();
    }

    @Test
    void int8NeedsAvx2AndIsRefusedInOneLineWithout() {
        Set<String> noAvx2 = Set.of("sse4_2", "avx", "fma");
        assertThat(Precision.INT8.isNativeWith(AVX2_ONLY)).isTrue();
        assertThat(Precision.INT8.isNativeWith(ZEN5)).isTrue();
        assertThat(Precision.INT8.isNativeWith(noAvx2)).isFalse();
        Precision.INT8.requireRunnableWith(AVX2_ONLY); // no exception
        assertThatThrownBy(() -> Precision.INT8.requireRunnableWith(noAvx2))
                .isInstanceOf(SettingException.class)
                .hasMessage(
                        "precision int8 needs a CPU with AVX2 (its int8 matrix products); this"
                                + " one has none: use fp32")
                .satisfies(
                        e ->
                                assertThat(((SettingException) e).message(Spelling.FLAG))
                                        .as("as the command line prints it")
                                        .isEqualTo(
                                                "--precision int8 needs a CPU with AVX2 (its int8"
                                                        + " matrix products); this one has none:"
                                                        + " use fp32"));
        // the 16-bit types run everywhere, emulated where not native
        Precision.BF16.requireRunnableWith(noAvx2);
        Precision.FP16.requireRunnableWith(noAvx2);
    }

    @Test
    void int8IsParsedAndListedButComputesActivationsInFloat32() {
        assertThat(Precision.parse("INT8")).isEqualTo(Precision.INT8);
        assertThat(Precision.choices()).containsExactly("auto", "fp32", "fp16", "bf16", "int8");
        assertThat(Precision.INT8.quantized()).isTrue();
        assertThat(Precision.FP32.quantized()).isFalse();
        assertThatThrownBy(() -> Precision.parse("int4"))
                .hasMessage("unknown precision \"int4\" (expected fp32, fp16, bf16 or int8)");
    }

    @Test
    void int8QuantizesActivationsToTheRangeTheCpuAddsWithoutSaturating() {
        assertThat(QuantizedLinear.source(ZEN5))
                .startsWith("def activation_levels() -> float:\n    return 127.0\n");
        assertThat(QuantizedLinear.source(SAPPHIRE_RAPIDS)).contains("return 127.0\n");
        assertThat(QuantizedLinear.source(AVX2_ONLY))
                .startsWith("def activation_levels() -> float:\n    return 63.0\n")
                .contains("def activation_zero() -> int:\n    return 64\n");
    }

    @Test
    void flagsComeFromTheFirstFlagsLineOfCpuinfo() {
        List<String> cpuinfo =
                List.of(
                        "processor\t: 0",
                        "model name\t: AMD EPYC",
                        "flags\t\t: fpu avx2  avx512_bf16",
                        "processor\t: 1",
                        "flags\t\t: fpu");
        assertThat(CpuFlags.parse(cpuinfo)).containsExactlyInAnyOrder("fpu", "avx2", "avx512_bf16");
        assertThat(CpuFlags.parse(List.of("processor\t: 0"))).isEmpty();
        assertThat(CpuFlags.parse(List.of("flags\t\t:"))).isEmpty();
    }
}
