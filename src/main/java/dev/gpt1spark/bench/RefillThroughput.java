package dev.gpt1spark.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.gpt1spark.inference.Generation;
import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.inference.Generator;
import dev.gpt1spark.inference.Occupancy;
import dev.gpt1spark.inference.Prompt;
import dev.gpt1spark.model.Gpt1Model;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Generation of prompts whose rows end at different times, with refill and without, through the
 * generate job's own {@link Generator}: sampled (temperature 1, each prompt its own stream) with
 * stop strings the planner cannot foresee, so some rows end after a few tokens and others run to
 * the length.
 */
final class RefillThroughput {
    /**
     * Characters in about 5 % of GPT-1's tokens together: with near-uniform sampling (a random
     * model) a row ends after some 18 tokens on average, a few run to the length.
     */
    static final List<String> STOPS = List.of("x", "z", "j");

    /**
     * @param tokensPerSecond generated tokens ÷ wall seconds, prefills included
     * @param cpuSeconds the process's CPU seconds over the run
     * @param generated tokens generated
     * @param stopped rows that ended on a stop string
     * @param occupancy the run's decode steps
     */
    record Result(
            double tokensPerSecond,
            double cpuSeconds,
            long generated,
            int stopped,
            Occupancy occupancy) {}

    private RefillThroughput() {}

    /**
     * Runs {@code rows} prompts of {@code promptTokens} tokens, at most {@code maxNew} new tokens
     * each, in batches of {@code batchTokens}, once small to warm up and once timed.
     */
    static Result run(
            Gpt1Model model,
            int rows,
            int promptTokens,
            int maxNew,
            int batchTokens,
            boolean refill) {
        long[][] ids = RandomTokens.rows(rows, promptTokens, model.config().vocabSize(), 13);
        List<Prompt> prompts = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            prompts.add(new Prompt("refill-" + i, ids[i]));
        }
        GenerationOptions options =
                new GenerationOptions(maxNew, true, 1f, 0, 1f, 0L, 1f, STOPS, batchTokens, true);
        generator(model, options, refill).generate(prompts.subList(0, Math.min(rows, 2)));
        Generator generator = generator(model, options, refill);
        OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = os.getProcessCpuTime();
        long start = System.nanoTime();
        List<Generation> out = generator.generate(prompts);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        long generated = 0;
        int stopped = 0;
        for (Generation g : out) {
            generated += g.nGenerated();
            stopped += "stop".equals(g.finishReason()) ? 1 : 0;
        }
        return new Result(
                generated / seconds, cpuSeconds, generated, stopped, generator.occupancy());
    }

    private static Generator generator(Gpt1Model model, GenerationOptions options, boolean refill) {
        return refill ? new Generator(model, options) : Generator.withoutRefill(model, options);
    }
}
