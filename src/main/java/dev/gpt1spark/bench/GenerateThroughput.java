package dev.gpt1spark.bench;

import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.inference.Generator;
import dev.gpt1spark.inference.Prompt;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Generated tokens per second of greedy generation through the generate job's own {@link
 * Generator}: all prompts in one micro-batch, no stop strings, so every row makes exactly {@code
 * newTokens} tokens.
 */
final class GenerateThroughput {
    private GenerateThroughput() {}

    /** Tokens/s with the key/value cache ({@code useCache}) or recomputing the prefix each step. */
    static double tokensPerSecond(
            Gpt1Model model, int rows, int promptTokens, int newTokens, boolean useCache) {
        List<Prompt> prompts = new ArrayList<>(rows);
        long[][] ids = RandomTokens.rows(rows, promptTokens, model.config().vocabSize(), 11);
        for (int i = 0; i < rows; i++) {
            prompts.add(new Prompt("bench-" + i, ids[i]));
        }
        run(model, prompts, 2, useCache); // warm-up: every code path once, at little cost
        double seconds = Timing.seconds(() -> run(model, prompts, newTokens, useCache));
        return (double) rows * newTokens / seconds;
    }

    private static void run(Gpt1Model model, List<Prompt> prompts, int newTokens, boolean cache) {
        int batchTokens = prompts.size() * (prompts.get(0).ids().length + newTokens);
        GenerationOptions options =
                new GenerationOptions(
                        newTokens, false, 1f, 0, 1f, 0L, 1f, List.of(), batchTokens, cache);
        new Generator(model, options).generate(prompts);
    }
}
