package dev.gpt1spark.cli;

import dev.gpt1spark.bench.BenchPlan;
import dev.gpt1spark.bench.BenchReport;
import dev.gpt1spark.bench.BenchRun;
import dev.gpt1spark.checkpoint.Presets;
import dev.gpt1spark.model.TorchThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measures GPT-1 throughput on this machine against its own limits: GEMM rate, memory"
                    + " bandwidth, forward pass (MFU), generation with and without the key/value"
                    + " cache, the embed job on local Spark against in-process, resident memory.",
            "Runs on a random-initialised full-size GPT-1 (init --preset openai-gpt, written once"
                    + " under --cache) and a seeded synthetic corpus. Prints a table, then as its"
                    + " last line one JSON object with every figure."
        })
final class BenchCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    static final class Size {
        @Option(
                names = "--quick",
                description = "Fewer repetitions and documents (about a minute on a fast machine).")
        boolean quick;

        @Option(
                names = "--smoke",
                description = "Everything once and small: checks the benchmark runs (for CI).")
        boolean smoke;
    }

    @ArgGroup(exclusive = true)
    Size size = new Size();

    @Option(
            names = "--preset",
            defaultValue = Presets.OPENAI_GPT,
            paramLabel = "NAME",
            description = "Model shape: openai-gpt or tiny (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(
            names = "--model",
            paramLabel = "DIR",
            description = "Measure this checkpoint instead of a random-initialised preset.")
    Path model;

    @Option(
            names = "--cache",
            paramLabel = "DIR",
            description =
                    "Where the random checkpoint is kept between runs and the Spark job writes"
                            + " (default: target/bench in the project).")
    Path cache;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Torch intra-op threads in-process (default: one per core).")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        BenchPlan plan = BenchRun.plan(size.smoke ? "smoke" : size.quick ? "quick" : "full");
        if (threads != null) {
            TorchThreads.set(threads);
        }
        Path home = cache != null ? cache : ProjectHome.get().resolve("target").resolve("bench");
        Path dir = model != null ? model : BenchRun.checkpoint(home, preset, 0);
        Path work = Files.createDirectories(home.resolve("work"));
        SparkSession[] started = new SparkSession[1];
        BenchReport report;
        try {
            report =
                    new BenchRun(
                                    plan,
                                    dir,
                                    work,
                                    () -> started[0] = localSpark(),
                                    spec.commandLine().getErr(),
                                    spec.commandLine().getOut())
                            .run();
        } finally {
            if (started[0] != null) {
                started[0].stop();
            }
        }
        spec.commandLine().getOut().println(Json.line(report.values()));
        return 0;
    }

    /** local[*] with the launcher's spark-defaults.conf, as an embedded embed job runs. */
    private static SparkSession localSpark() {
        return EmbeddedSpark.start("gpt1 bench", SparkSettings.layered(Map.of(), Map.of()));
    }
}
