package dev.gpt1spark.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.PaddedWidth;
import dev.gpt1spark.inference.PrecisionProbe;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.model.TorchThreads;
import dev.gpt1spark.task.TaskSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs every measurement of {@code gpt1 bench} in order, on one checkpoint, and collects the
 * figures. Each ratio is taken against a rate measured in the same run, so a busy or slow machine
 * shifts both sides alike.
 */
public final class BenchRun {
    private static final long CORPUS_SEED = 20_180_611L; // GPT-1's release date

    private final BenchPlan plan;
    private final Path modelDir;
    private final Path workDir;
    private final Supplier<SparkSession> spark;
    private final PrintWriter progress;
    private final PrintWriter table;
    private final BenchReport report = new BenchReport();
    private final long started = System.nanoTime();
    private double gemmFp32;
    private int printed;
    private final Map<Precision, Double> packedRates = new EnumMap<>(Precision.class);

    /**
     * @param modelDir the checkpoint to measure
     * @param workDir where the Spark job's corpus and output go
     * @param spark starts the Spark session of the job measurement (its start-up is not timed)
     * @param progress where to say what is being measured
     * @param table where the readable table goes, a step's figures as soon as they are measured
     */
    public BenchRun(
            BenchPlan plan,
            Path modelDir,
            Path workDir,
            Supplier<SparkSession> spark,
            PrintWriter progress,
            PrintWriter table) {
        this.plan = plan;
        this.modelDir = modelDir;
        this.workDir = workDir;
        this.spark = spark;
        this.progress = progress;
        this.table = table;
    }

    /** The random-initialised checkpoint for a preset, cached under {@code cache}. */
    public static Path checkpoint(Path cache, String preset, long seed) {
        return BenchCheckpoint.prepare(cache, preset, seed);
    }

    public static BenchPlan plan(String name) {
        switch (name) {
            case "full":
                return BenchPlan.full();
            case "quick":
                return BenchPlan.quick();
            case "smoke":
                return BenchPlan.smoke();
            default:
                throw new IllegalArgumentException("unknown bench plan " + name);
        }
    }

    /** Measures everything, printing the table as it goes, and returns every figure. */
    public BenchReport run() {
        Checkpoint checkpoint = CheckpointReader.read(modelDir, null);
        report.section("machine and run");
        report.put("plan", plan.name(), null, "full | quick | smoke");
        report.put("model", modelDir.toString(), null, checkpoint.parameterCount() + " parameters");
        report.put("cpu", MachineInfo.cpu(), null, "model name and vector extensions");
        report.put("cores", Runtime.getRuntime().availableProcessors(), null, "visible to the JVM");
        report.put("torch_threads", TorchThreads.get(), null, "intra-op threads in-process");
        String wait = System.getenv("OMP_WAIT_POLICY");
        report.put(
                "omp_wait_policy",
                wait == null ? "unset" : wait,
                null,
                "PASSIVE: idle threads sleep (submit/gpt1 sets it); unset: they spin");
        report.put("load_average_start", MachineInfo.loadAverage(), null, "1, 5, 15 min");

        Precision best = Precision.FP32;
        double gemmBest;
        try (NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            step("matrix multiply rates");
            report.section("ceilings: the kernels the model runs, at its shapes");
            int rows = plan.forwardRows() * plan.forwardTokens();
            gemmBest = 0;
            for (Precision precision : Precision.values()) {
                if (precision.quantized()) {
                    continue; // only when asked: measured on its own below, never "best"
                }
                String key = "packed_" + precision.label() + "_gflops";
                if (!precision.isNative()) {
                    report.put(key, "not native", null, "no such arithmetic here: runs op by op");
                    continue;
                }
                double rate = packedRate(manager, checkpoint.config(), precision);
                packedRates.put(precision, rate);
                report.put(
                        key,
                        rate,
                        "GFLOP/s",
                        "oneDNN pre-packed linear, a block's 4 products × " + rows + " rows");
                if (precision == Precision.FP32) {
                    gemmFp32 = rate;
                }
                if (rate > gemmBest) {
                    best = precision;
                    gemmBest = rate;
                }
            }
            report.put(
                    "best_precision",
                    best.label(),
                    null,
                    "native precision with the fastest packed linear");
            report.put("packed_best_gflops", gemmBest, "GFLOP/s", "rate of best_precision");
            if (Precision.INT8.isNative()) {
                packedRates.put(
                        Precision.INT8, packedRate(manager, checkpoint.config(), Precision.INT8));
                report.put(
                        "packed_int8_gops",
                        packedRates.get(Precision.INT8),
                        "GOP/s",
                        "oneDNN int8 linear (activations quantized per row), same products");
            } else {
                report.put("packed_int8_gops", "not native", null, "int8 needs AVX2");
            }
            double matmul = GemmRate.gflops(manager, plan.gemmSize(), plan.gemmReps(), x -> x);
            report.put(
                    "matmul_fp32_gflops",
                    matmul,
                    "GFLOP/s",
                    plan.gemmSize()
                            + "³ float32 matmul (MKL): for reference, the model never uses it");
            step("memory bandwidth");
            double bandwidth =
                    MemoryBandwidth.gbPerSecond(manager, plan.bandwidthMiB(), plan.gemmReps());
            report.put(
                    "memory_read_gb_per_s",
                    bandwidth,
                    "GB/s",
                    "sum of a "
                            + plan.bandwidthMiB()
                            + " MiB float32 array (reads each byte once)");

            try (Gpt1Model fp32 = Gpt1Model.load(checkpoint, Precision.FP32)) {
                forward(manager, fp32, checkpoint, best, gemmBest);
                generation(fp32);
                refill(fp32);
                decode(manager, fp32, checkpoint, bandwidth);
                corpus(fp32);
            }
        }
        report.section("end");
        report.put("load_average_end", MachineInfo.loadAverage(), null, "1, 5, 15 min");
        report.put("wall_s", (System.nanoTime() - started) / 1e9, "s", "whole benchmark");
        printNewFigures();
        return report;
    }

    private void forward(
            NDManager manager,
            Gpt1Model fp32,
            Checkpoint checkpoint,
            Precision best,
            double gemmBest) {
        ModelConfig config = fp32.config();
        int rows = plan.forwardRows();
        int t = plan.forwardTokens();
        double flopsPerToken = FlopCount.forwardRow(config, t) / t;
        report.section("forward pass, " + rows + " × " + t + " tokens, hidden states only");
        step("forward fp32");
        double fp32Rate =
                ForwardThroughput.tokensPerSecond(fp32, rows, t, plan.forwardReps(), CORPUS_SEED);
        report.put(
                "forward_flop_per_token", flopsPerToken / 1e6, "MFLOP", "2 × weights + attention");
        report.put("forward_fp32_tokens_per_s", fp32Rate, "tokens/s", "float32");
        // measured again right after: on a busy machine the rate moves, and MFU against the
        // higher of the two readings is the conservative figure
        double gemmAfter = packedRate(manager, config, Precision.FP32);
        report.put(
                "packed_fp32_gflops_after_forward",
                gemmAfter,
                "GFLOP/s",
                "MFU uses the higher of the two readings");
        if (best == Precision.FP32) {
            gemmBest = Math.max(gemmBest, gemmAfter);
        }
        gemmFp32 = Math.max(gemmFp32, gemmAfter);
        report.put(
                "forward_fp32_mfu",
                fp32Rate * flopsPerToken / (gemmFp32 * 1e9),
                "ratio",
                "model FLOP/s ÷ higher packed fp32 reading");
        double bestRate = fp32Rate;
        if (best == Precision.FP32) {
            report.put("forward_best_tokens_per_s", fp32Rate, "tokens/s", "best is fp32: same run");
            report.put(
                    "forward_best_mfu", fp32Rate * flopsPerToken / (gemmBest * 1e9), "ratio", "");
            report.put("best_vs_fp32_max_abs_hidden", 0.0, "", "best is fp32");
            report.put("best_vs_fp32_min_pooled_cosine", 1.0, "", "best is fp32");
        } else {
            bestRate = forwardBest(fp32, checkpoint, best, gemmBest, flopsPerToken);
        }
        forwardInt8(fp32, checkpoint, Math.max(fp32Rate, bestRate));
    }

    /** The forward pass in int8, against the best native precision's; reported, not asserted. */
    private void forwardInt8(Gpt1Model fp32, Checkpoint checkpoint, double bestNativeRate) {
        if (!Precision.INT8.isNative()) {
            report.put("forward_int8_tokens_per_s", "not native", null, "int8 needs AVX2");
            return;
        }
        int rows = plan.forwardRows();
        int t = plan.forwardTokens();
        step("forward int8");
        try (Gpt1Model int8 = Gpt1Model.load(checkpoint, Precision.INT8)) {
            double rate =
                    ForwardThroughput.tokensPerSecond(
                            int8, rows, t, plan.forwardReps(), CORPUS_SEED);
            report.put("forward_int8_tokens_per_s", rate, "tokens/s", "int8 (only when asked)");
            report.put(
                    "int8_forward_speedup",
                    rate / bestNativeRate,
                    "×",
                    "÷ the faster of forward_fp32 and forward_best");
            long[][] ids = RandomTokens.rows(rows, t, fp32.config().vocabSize(), CORPUS_SEED);
            PrecisionComparison drift = PrecisionComparison.of(fp32, int8, ids);
            report.put("int8_vs_fp32_max_abs_hidden", drift.maxAbsHidden(), "", "same batch");
            report.put(
                    "int8_vs_fp32_min_pooled_cosine",
                    drift.minPooledCosine(),
                    "",
                    "mean-pooled rows (docs/precision.md)");
        }
    }

    /** The forward pass in the fastest native type other than fp32; its tokens/s. */
    private double forwardBest(
            Gpt1Model fp32,
            Checkpoint checkpoint,
            Precision best,
            double gemmBest,
            double flopsPerToken) {
        int rows = plan.forwardRows();
        int t = plan.forwardTokens();
        ModelConfig config = fp32.config();
        step("forward " + best.label());
        try (Gpt1Model reduced = Gpt1Model.load(checkpoint, best)) {
            double rate =
                    ForwardThroughput.tokensPerSecond(
                            reduced, rows, t, plan.forwardReps(), CORPUS_SEED);
            report.put("forward_best_tokens_per_s", rate, "tokens/s", best.label());
            report.put(
                    "forward_best_mfu",
                    rate * flopsPerToken / (gemmBest * 1e9),
                    "ratio",
                    "model FLOP/s ÷ packed_best_gflops");
            long[][] ids = RandomTokens.rows(rows, t, config.vocabSize(), CORPUS_SEED);
            PrecisionComparison drift = PrecisionComparison.of(fp32, reduced, ids);
            report.put("best_vs_fp32_max_abs_hidden", drift.maxAbsHidden(), "", "same batch");
            report.put(
                    "best_vs_fp32_min_pooled_cosine",
                    drift.minPooledCosine(),
                    "",
                    "mean-pooled rows; the bar is 0.9999");
            return rate;
        }
    }

    /** The packed linear's rate at the forward batch's rows; matmul's where packing is off. */
    private double packedRate(NDManager manager, ModelConfig config, Precision precision) {
        int rows = plan.forwardRows() * plan.forwardTokens();
        double rate = PackedLinearRate.gflops(manager, config, rows, precision, plan.gemmReps());
        return Double.isNaN(rate)
                ? GemmRate.gflops(manager, plan.gemmSize(), plan.gemmReps(), precision::cast)
                : rate;
    }

    private void generation(Gpt1Model model) {
        int rows = plan.generateRows();
        int prompt = plan.promptTokens();
        int fresh = plan.newTokens();
        report.section(
                "greedy generation, "
                        + rows
                        + " prompts × "
                        + prompt
                        + " tokens, "
                        + fresh
                        + " new, fp32");
        step("generate with the key/value cache");
        double kv = GenerateThroughput.tokensPerSecond(model, rows, prompt, fresh, true);
        report.put(
                "generate_kv_tokens_per_s", kv, "tokens/s", "generated tokens, prefill included");
        step("generate without the cache");
        double nocache = GenerateThroughput.tokensPerSecond(model, rows, prompt, fresh, false);
        report.put("generate_nocache_tokens_per_s", nocache, "tokens/s", "whole prefix every step");
        report.put("generate_kv_speedup", kv / nocache, "×", "cache ÷ no cache");
    }

    /**
     * Cached decode steps in the precision auto picks here, fp32 and int8, measured in turns, each
     * against the time to stream its own weight bytes once.
     */
    private void decode(
            NDManager manager, Gpt1Model fp32, Checkpoint checkpoint, double bandwidthBefore) {
        ModelConfig config = fp32.config();
        int rows = plan.generateRows();
        int prompt = plan.promptTokens();
        Precision chosen = PrecisionProbe.fastestNative();
        report.section("decode steps, " + rows + " rows after " + prompt + "-token prompts");
        report.put(
                "decode_precision",
                chosen.label(),
                null,
                "what --precision auto picks on this CPU when the model meets the bar");
        step("memory bandwidth again");
        double bandwidthNow =
                MemoryBandwidth.gbPerSecond(manager, plan.bandwidthMiB(), plan.gemmReps());
        report.put(
                "memory_read_gb_per_s_at_decode",
                bandwidthNow,
                "GB/s",
                "read again here; the stream times use the higher reading");
        double bandwidth = Math.max(bandwidthBefore, bandwidthNow);
        List<Precision> precisions = new ArrayList<>(List.of(chosen));
        for (Precision beside : List.of(Precision.FP32, Precision.INT8)) {
            if (beside != chosen && beside.isNative()) {
                precisions.add(beside);
            }
        }
        List<Gpt1Model> models = new ArrayList<>();
        try {
            for (Precision precision : precisions) {
                models.add(
                        precision == Precision.FP32 ? fp32 : Gpt1Model.load(checkpoint, precision));
            }
            step("decode steps in " + precisions.stream().map(Precision::label).toList());
            double[] seconds = DecodeStepTime.seconds(models, rows, prompt, plan.decodeSteps());
            double stream = streamSeconds(config, chosen, bandwidth);
            report.put(
                    "decode_step_ms",
                    seconds[0] * 1e3,
                    "ms",
                    chosen.label() + ", logits included, mean of " + plan.decodeSteps());
            report.put(
                    "decode_weight_stream_ms",
                    stream * 1e3,
                    "ms",
                    "matrix weights + LM head, "
                            + chosen.bytesPerWeight()
                            + " B each, once at the higher memory reading");
            report.put(
                    "decode_bandwidth_bound_ratio",
                    seconds[0] / stream,
                    "ratio",
                    "decode_step_ms ÷ decode_weight_stream_ms");
            for (int i = 0; i < precisions.size(); i++) {
                Precision precision = precisions.get(i);
                String label = precision.label();
                report.put(label + "_decode_step_ms", seconds[i] * 1e3, "ms", "same, in " + label);
                report.put(
                        label + "_decode_bandwidth_bound_ratio",
                        seconds[i] / streamSeconds(config, precision, bandwidth),
                        "ratio",
                        "÷ its own weights' stream time (" + precision.bytesPerWeight() + " B)");
            }
        } finally {
            for (Gpt1Model model : models) {
                if (model != fp32) {
                    model.close();
                }
            }
        }
        if (!Precision.INT8.isNative()) {
            report.put("int8_decode_step_ms", "not native", null, "int8 needs AVX2");
        }
        step("decode matrix products alone");
        double floor = DecodeLinearFloor.seconds(manager, config, chosen, rows, plan.decodeSteps());
        double stream = streamSeconds(config, chosen, bandwidth);
        report.put(
                "decode_linear_floor_ms",
                floor * 1e3,
                "ms",
                "the step's matrix products alone, same kernel, precision and rows");
        report.put(
                "decode_linear_floor_ratio",
                floor / stream,
                "ratio",
                "the least decode_bandwidth_bound_ratio this kernel allows");
        double stepFlops = rows * FlopCount.decodeToken(config, prompt + plan.decodeSteps() / 2);
        report.put(
                "decode_compute_bound_ms",
                stepFlops
                        / ((chosen == Precision.FP32 ? gemmFp32 : packedRates.get(chosen)) * 1e9)
                        * 1e3,
                "ms",
                "the step's FLOPs at packed_" + chosen.label() + "_gflops");
    }

    /** Seconds to read the matrix weights and the LM head once in {@code precision}. */
    private static double streamSeconds(ModelConfig config, Precision precision, double gbPerS) {
        return FlopCount.decodeWeightBytes(config, precision.bytesPerWeight()) / (gbPerS * 1e9);
    }

    /**
     * Generation whose rows end at different times, with refill and without: 8 slots fed from 4 × 8
     * prompts, and the generate job's defaults: the documents a task takes at a time ({@code
     * batch-docs}) through as many slots as its token budget gives.
     */
    private void refill(Gpt1Model model) {
        int cost = PaddedWidth.of(plan.promptTokens()) + plan.newTokens();
        refillAt("b8", model, 4 * 8, 8 * cost);
        refillAt(
                "default",
                model,
                TaskSettings.BATCH_DOCS.defaultValue(),
                TaskSettings.GENERATE_BATCH_TOKENS.defaultValue());
    }

    private void refillAt(String name, Gpt1Model model, int rows, int batchTokens) {
        int prompt = plan.promptTokens();
        int maxNew = plan.newTokens();
        report.section(
                "sampled generation ending on stop strings "
                        + RefillThroughput.STOPS
                        + ", "
                        + rows
                        + " prompts × "
                        + prompt
                        + " tokens, at most "
                        + maxNew
                        + " new, "
                        + batchTokens
                        + "-token batches");
        step("generate with refill, " + name);
        RefillThroughput.Result with =
                RefillThroughput.run(model, rows, prompt, maxNew, batchTokens, true);
        step("generate without refill, " + name);
        RefillThroughput.Result without =
                RefillThroughput.run(model, rows, prompt, maxNew, batchTokens, false);
        String key = "generate_stops_" + name + "_";
        report.put(
                key + "tokens_per_s",
                with.tokensPerSecond(),
                "tokens/s",
                "with refill; mean "
                        + with.generated() / rows
                        + " new tokens, "
                        + with.stopped()
                        + " rows stopped");
        report.put(
                key + "norefill_tokens_per_s",
                without.tokensPerSecond(),
                "tokens/s",
                "each batch until its longest row ends");
        report.put(
                key + "refill_speedup",
                with.tokensPerSecond() / without.tokensPerSecond(),
                "×",
                "with ÷ without, wall clock");
        report.put(
                key + "refill_cpu_ratio",
                without.cpuSeconds() / with.cpuSeconds(),
                "×",
                "process CPU seconds without ÷ with");
        report.put(
                key + "decode_steps",
                with.occupancy().decodeSteps(),
                "steps",
                "with refill; without: " + without.occupancy().decodeSteps());
        report.put(
                key + "busy_share",
                with.occupancy().busyShare(),
                "ratio",
                "decoded rows still generating, with refill; without: "
                        + String.format("%.3f", without.occupancy().busyShare()));
    }

    private void corpus(Gpt1Model model) {
        List<String> texts = SyntheticCorpus.documents(plan.corpusDocs(), CORPUS_SEED);
        report.section("embed job on a synthetic corpus of " + texts.size() + " documents");
        report.put(
                "padding_waste_pct",
                100
                        * PaddingWaste.of(
                                model,
                                texts,
                                EmbedCorpus.BATCH_DOCS,
                                TaskSettings.BATCH_TOKENS.defaultValue()),
                "%",
                "padded ÷ computed positions after length bucketing");
        step("embed in-process");
        long[] tokens = new long[1];
        double seconds =
                Timing.seconds(
                        () -> tokens[0] = EmbedCorpus.run(model, texts, 0, texts.size(), null));
        double inProcess = tokens[0] / seconds;
        report.put("corpus_tokens", tokens[0], "tokens", "after truncation to n_positions");
        report.put(
                "inprocess_tokens_per_s", inProcess, "tokens/s", "the embed task, one thread pool");
        step("embed as a Spark job");
        SparkSession session = spark.get();
        double sparkRate =
                SparkEmbedThroughput.tokensPerSecond(
                        session, modelDir, Precision.FP32, texts, workDir);
        report.put(
                "spark_master", session.sparkContext().master(), null, "tasks × spark.task.cpus");
        report.put(
                "spark_tokens_per_s", sparkRate, "tokens/s", "whole job: read, broadcast, write");
        report.put(
                "spark_overhead_pct",
                100 * (inProcess / sparkRate - 1),
                "%",
                "in-process rate ÷ Spark rate − 1");

        int total = plan.rssWarmupDocs() + plan.rssDocs();
        step("resident memory over " + total + " documents");
        RssGrowth rss =
                RssGrowth.measure(
                        model,
                        SyntheticCorpus.shortDocuments(total, CORPUS_SEED + 1),
                        plan.rssWarmupDocs());
        report.section("resident memory, " + plan.rssDocs() + " short documents after warm-up");
        report.put("rss_after_warmup_mb", rss.afterWarmupBytes() / 1e6, "MB", "VmRSS");
        report.put("rss_end_mb", rss.endBytes() / 1e6, "MB", "VmRSS");
        report.put("rss_peak_mb", rss.peakBytes() / 1e6, "MB", "largest reading between batches");
        report.put("rss_growth_pct", rss.percent(), "%", "end ÷ after warm-up − 1");
    }

    /**
     * Prints the figures measured since the previous step and says what is measured next: a long
     * run shows its results as they come, and a stopped one keeps them.
     */
    private void step(String what) {
        printNewFigures();
        progress.printf(
                "bench: %s ...  (%.0f s in, load %s)%n",
                what, (System.nanoTime() - started) / 1e9, MachineInfo.loadAverage());
        progress.flush();
    }

    private void printNewFigures() {
        report.printTable(table, printed);
        printed = report.size();
    }
}
