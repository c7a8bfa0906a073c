package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.testing.SlowTier;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gpt1 bench --smoke} end to end through the command line: it must run and report every
 * figure with a sane value. Speed is never asserted (CI machines are noisy).
 */
@SlowTier
class BenchCommandTest {
    private static final List<String> POSITIVE =
            List.of(
                    "packed_fp32_gflops",
                    "packed_best_gflops",
                    "matmul_fp32_gflops",
                    "memory_read_gb_per_s",
                    "forward_fp32_tokens_per_s",
                    "forward_fp32_mfu",
                    "forward_best_tokens_per_s",
                    "forward_best_mfu",
                    "generate_kv_tokens_per_s",
                    "generate_nocache_tokens_per_s",
                    "generate_stops_b8_tokens_per_s",
                    "generate_stops_b8_norefill_tokens_per_s",
                    "generate_stops_b8_busy_share",
                    "generate_stops_default_tokens_per_s",
                    "generate_stops_default_norefill_tokens_per_s",
                    "generate_stops_default_busy_share",
                    "decode_step_ms",
                    "decode_weight_stream_ms",
                    "decode_bandwidth_bound_ratio",
                    "fp32_decode_step_ms",
                    "fp32_decode_bandwidth_bound_ratio",
                    "decode_linear_floor_ratio",
                    "decode_compute_bound_ms",
                    "inprocess_tokens_per_s",
                    "spark_tokens_per_s",
                    "rss_after_warmup_mb");

    @Test
    void smokeRunPrintsATableAndEveryFigureAsJsonOnTheLastLine(@TempDir Path dir) throws Exception {
        CliRun run = CliRun.of("bench", "--smoke", "--preset", "tiny", "--cache", dir.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().strip().split("\n");
        assertThat(run.out()).contains("forward_fp32_mfu").contains("== ");
        JsonNode figures = new ObjectMapper().readTree(lines[lines.length - 1]);

        for (String key : POSITIVE) {
            assertThat(figures.path(key).isNumber()).as(key + " is a number").isTrue();
            assertThat(figures.get(key).asDouble()).as(key).isPositive().isFinite();
        }
        // whichever precision this CPU computes fastest: the test must pass on any CPU
        assertThat(figures.get("best_precision").asText()).isIn("fp32", "fp16", "bf16");
        for (String precision : List.of("bf16", "fp16")) {
            JsonNode rate = figures.get("packed_" + precision + "_gflops");
            // measured where the CPU computes the type, else said so
            if (rate.isNumber()) {
                assertThat(rate.asDouble()).as(precision).isPositive().isFinite();
            } else {
                assertThat(rate.asText()).as(precision).isEqualTo("not native");
            }
        }
        // int8 runs only when asked: never the best precision, measured on its own where it runs
        JsonNode int8 = figures.get("forward_int8_tokens_per_s");
        if (int8.isNumber()) {
            for (String key :
                    List.of(
                            "packed_int8_gops",
                            "forward_int8_tokens_per_s",
                            "int8_forward_speedup",
                            "int8_decode_step_ms",
                            "int8_decode_bandwidth_bound_ratio")) {
                assertThat(figures.get(key).asDouble()).as(key).isPositive().isFinite();
            }
            assertThat(figures.get("int8_vs_fp32_min_pooled_cosine").asDouble())
                    .isBetween(0.0, 1.0);
            assertThat(figures.get("int8_vs_fp32_max_abs_hidden").asDouble()).isPositive();
        } else {
            assertThat(int8.asText()).isEqualTo("not native");
            assertThat(figures.get("packed_int8_gops").asText()).isEqualTo("not native");
            assertThat(figures.get("int8_decode_step_ms").asText()).isEqualTo("not native");
        }
        // decoding is measured in what auto picks on this CPU, and that figure is the headline one
        String decode = figures.get("decode_precision").asText();
        assertThat(decode).isIn("fp32", "fp16", "bf16");
        assertThat(figures.get(decode + "_decode_step_ms").asDouble())
                .isEqualTo(figures.get("decode_step_ms").asDouble());
        // each precision against its own weight bytes: fewer bytes, a shorter stream time
        double fp32Stream =
                figures.get("fp32_decode_step_ms").asDouble()
                        / figures.get("fp32_decode_bandwidth_bound_ratio").asDouble();
        double fp32Bytes = 4;
        assertThat(figures.get("decode_weight_stream_ms").asDouble() / fp32Stream)
                .isCloseTo(
                        Map.of("fp32", 4, "fp16", 2, "bf16", 2).get(decode) / fp32Bytes,
                        within(1e-3)); // the JSON's figures are rounded
        String best = figures.get("best_precision").asText();
        assertThat(figures.get("packed_best_gflops").asDouble())
                .isEqualTo(figures.get("packed_" + best + "_gflops").asDouble());
        assertThat(figures.get("best_vs_fp32_max_abs_hidden").asDouble()).isNotNegative();
        assertThat(figures.get("best_vs_fp32_min_pooled_cosine").asDouble()).isBetween(0.0, 1.0);
        assertThat(figures.get("padding_waste_pct").asDouble()).isBetween(0.0, 100.0);
        assertThat(figures.get("spark_overhead_pct").asDouble()).isFinite();
        assertThat(figures.get("rss_growth_pct").asDouble()).isFinite();
        assertThat(figures.get("corpus_tokens").asLong()).isPositive();
        assertThat(figures.get("plan").asText()).isEqualTo("smoke");
        // the checkpoint is cached for the next run, and the Spark session is gone
        assertThat(dir.resolve("tiny-seed0").resolve("model.safetensors")).exists();
        assertThat(SparkSession.getActiveSession().isDefined()).isFalse();
    }
}
