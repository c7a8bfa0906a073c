package dev.gpt1spark.cli;

import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.task.GenerateSpec;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Continues each document (the prompt) with a key/value cache.",
            "Output per line: id, continuation, continuation_ids, n_prompt_tokens, n_generated,"
                    + " finish_reason (length|stop), error.",
            "Prompts longer than n_positions - max-new-tokens keep their last tokens."
        })
final class GenerateCommand extends ModelTaskCommand {
    @Option(
            names = "--max-new-tokens",
            defaultValue = "32",
            paramLabel = "N",
            description = "Tokens to generate at most (default: ${DEFAULT-VALUE}).")
    int maxNewTokens;

    @Option(
            names = "--strategy",
            defaultValue = "greedy",
            paramLabel = "greedy|sample",
            description = "Most probable token, or a sample (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(
            names = "--temperature",
            defaultValue = "1.0",
            paramLabel = "T",
            description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    float temperature;

    @Option(
            names = "--top-k",
            defaultValue = "0",
            paramLabel = "K",
            description =
                    "Sample among the K most probable tokens; 0 for all (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(
            names = "--top-p",
            defaultValue = "1.0",
            paramLabel = "P",
            description =
                    "Nucleus sampling: the most probable tokens up to cumulative probability P"
                            + " (default: ${DEFAULT-VALUE}).")
    float topP;

    @Option(
            names = "--seed",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Global seed; each document samples from a stream derived from it and the"
                            + " document id (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--repetition-penalty",
            defaultValue = "1.0",
            paramLabel = "R",
            description =
                    "Penalise tokens already in the prompt or continuation; 1 is off"
                            + " (default: ${DEFAULT-VALUE}).")
    float repetitionPenalty;

    @Option(
            names = "--stop",
            paramLabel = "TEXT",
            description = "End a continuation at this string, which is not included (repeatable).")
    List<String> stop;

    @Override
    TaskSpec spec() {
        boolean sample;
        switch (strategy.toLowerCase(Locale.ROOT)) {
            case "greedy":
                sample = false;
                break;
            case "sample":
                sample = true;
                break;
            default:
                throw new IllegalArgumentException(
                        "unknown strategy \"" + strategy + "\" (expected greedy or sample)");
        }
        GenerationOptions options =
                new GenerationOptions(
                        maxNewTokens,
                        sample,
                        temperature,
                        topK,
                        topP,
                        seed,
                        repetitionPenalty,
                        stop == null ? List.of() : stop,
                        runOptions.batchTokens(GenerationOptions.BATCH_TOKENS),
                        true);
        options.sampler(); // validates the sampling settings before any work
        return new GenerateSpec(options);
    }
}
