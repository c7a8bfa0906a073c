package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.ml.Gpt1ClassifyTransformer;
import dev.gpt1spark.ml.Gpt1EmbedTransformer;
import dev.gpt1spark.ml.Gpt1GenerateTransformer;
import dev.gpt1spark.ml.Gpt1ScoreTransformer;
import dev.gpt1spark.ml.Gpt1TokenizeTransformer;
import dev.gpt1spark.ml.Gpt1Transformer;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.testing.SharedFixtures;
import dev.gpt1spark.testing.SlowTier;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's options derive from the settings: same defaults, flags and messages. */
@SlowTier
class SettingOptionsTest {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();

    /** The task the command line would run for {@code args}, parsed but not run. */
    private static TaskSpec parsed(String... args) {
        CommandLine cli =
                Gpt1Cli.commandLine(new Gpt1Cli(new ByteArrayInputStream(new byte[0]), args));
        cli.parseArgs(args);
        ModelTaskCommand command = cli.getSubcommands().get(args[0]).getCommand();
        return command.taskSpec();
    }

    @Test
    void noOptionsGiveTheDeclaredDefaultsAsTheMlStagesDo() {
        Map<TaskKind, Gpt1Transformer<?>> stages =
                Map.of(
                        TaskKind.EMBED, new Gpt1EmbedTransformer(),
                        TaskKind.SCORE, new Gpt1ScoreTransformer(),
                        TaskKind.GENERATE, new Gpt1GenerateTransformer(),
                        TaskKind.CLASSIFY, new Gpt1ClassifyTransformer(),
                        TaskKind.TOKENIZE, new Gpt1TokenizeTransformer());
        for (TaskKind kind :
                List.of(TaskKind.EMBED, TaskKind.SCORE, TaskKind.GENERATE, TaskKind.CLASSIFY)) {
            TaskSpec commandLine = parsed(kind.label(), "--model", MODEL, "--text", "x");
            assertThat(commandLine).as(kind.label()).isEqualTo(TaskSpec.of(kind));
            assertThat(stages.get(kind).taskSpec()).as(kind.label()).isEqualTo(commandLine);
        }
        // the stages' inputCol is the jobs' --text-col
        String textCol =
                Gpt1Cli.commandLine(
                                new Gpt1Cli(new ByteArrayInputStream(new byte[0]), new String[0]))
                        .getSubcommands()
                        .get("score")
                        .getCommandSpec()
                        .findOption("--text-col")
                        .defaultValue();
        assertThat(stages.values()).allSatisfy(s -> assertThat(s.getInputCol()).isEqualTo(textCol));
        assertThat(stages.get(TaskKind.TOKENIZE).taskSpec())
                .isEqualTo(TaskSpec.of(TaskKind.TOKENIZE));
        assertThat(TaskSpec.of(TaskKind.GENERATE).get(TaskSettings.GENERATE_BATCH_TOKENS))
                .isEqualTo(8192);
        assertThat(TaskSpec.of(TaskKind.EMBED).get(TaskSettings.BATCH_TOKENS)).isEqualTo(512);
    }

    @Test
    void everyOptionReachesItsSetting() {
        TaskSpec generate =
                parsed(
                        "generate",
                        "--model",
                        MODEL,
                        "--max-new-tokens",
                        "6",
                        "--strategy",
                        "sample",
                        "--temperature",
                        "0.8",
                        "--top-k",
                        "40",
                        "--top-p",
                        "0.95",
                        "--seed",
                        "11",
                        "--num-return-sequences",
                        "2",
                        "--repetition-penalty",
                        "1.2",
                        "--stop",
                        "a",
                        "--stop",
                        "b",
                        "--min-new-tokens",
                        "2",
                        "--no-repeat-ngram-size",
                        "3",
                        "--logprobs",
                        "--temperature-col",
                        "t",
                        "--batch-tokens",
                        "4096");
        assertThat(generate.settings())
                .containsExactly(
                        Map.entry("max_new_tokens", 6),
                        Map.entry("strategy", "sample"),
                        Map.entry("temperature", 0.8f),
                        Map.entry("top_k", 40),
                        Map.entry("top_p", 0.95f),
                        Map.entry("seed", 11L),
                        Map.entry("num_return_sequences", 2),
                        Map.entry("repetition_penalty", 1.2f),
                        Map.entry("stop", List.of("a", "b")),
                        Map.entry("min_new_tokens", 2),
                        Map.entry("no_repeat_ngram_size", 3),
                        Map.entry("logprobs", true),
                        Map.entry("max_new_tokens_col", ""),
                        Map.entry("temperature_col", "t"),
                        Map.entry("top_p_col", ""),
                        Map.entry("seed_col", ""),
                        Map.entry("batch_tokens", 4096));
        TaskSpec embed =
                parsed(
                        "embed",
                        "--model",
                        MODEL,
                        "--pooling",
                        "max",
                        "--normalize",
                        "--long-input",
                        "window",
                        "--window-stride",
                        "64");
        assertThat(embed.settings())
                .containsExactly(
                        Map.entry("pooling", "max"),
                        Map.entry("normalize", true),
                        Map.entry("long_input", "window"),
                        Map.entry("window_stride", 64),
                        Map.entry("batch_tokens", 512));
    }

    @Test
    void helpShowsEachSettingsDescriptionAndDefault() {
        String generate = CliRun.of("generate", "--help").out().replaceAll("\\s+", " ");
        assertThat(generate)
                .contains("--max-new-tokens=N")
                .contains("Tokens to generate at most (default: 32).")
                .contains("--strategy=greedy|sample")
                .contains("(default: 8192)");
        assertThat(CliRun.of("embed", "--help").out().replaceAll("\\s+", " "))
                .contains("--window-stride=N")
                .contains("(default: n_positions / 2)")
                .contains("--precision=auto|fp32|fp16|bf16");
    }

    @Test
    void badValuesAreRefusedNamingTheFlag() {
        CliRun pooling = CliRun.of("embed", "--model", MODEL, "--pooling", "median", "--text", "x");
        assertThat(pooling.exitCode()).isEqualTo(1);
        assertThat(pooling.out()).isEmpty();
        assertThat(pooling.err().strip())
                .isEqualTo(
                        "gpt1 embed: Cannot set --pooling to median, expected mean, last or max");

        CliRun topP = CliRun.of("generate", "--model", MODEL, "--top-p", "1.5", "--text", "x");
        assertThat(topP.err().strip())
                .isEqualTo("gpt1 generate: --top-p must be in (0, 1], got 1.5");

        CliRun stop = CliRun.of("generate", "--model", MODEL, "--stop", "", "--text", "x");
        assertThat(stop.err().strip())
                .isEqualTo("gpt1 generate: --stop must be non-empty strings, got []");
    }

    @Test
    void tooManyNewTokensFailOnTheDriverInOneLineBeforeAnyOutput(@TempDir Path dir)
            throws Exception {
        String expected =
                "gpt1 generate: --max-new-tokens 128 leaves no room for a prompt: it must be below"
                        + " the model's n_positions 128";
        CliRun inProcess =
                CliRun.of("generate", "--model", MODEL, "--max-new-tokens", "128", "--text", "x");
        assertThat(inProcess.exitCode()).isEqualTo(1);
        assertThat(inProcess.out()).isEmpty();
        assertThat(inProcess.err().strip()).isEqualTo(expected);

        Path corpus = Files.writeString(dir.resolve("docs.txt"), "one\ntwo\n");
        Path output = dir.resolve("out");
        CliRun job =
                CliRun.of(
                        "generate",
                        "--model",
                        MODEL,
                        "--max-new-tokens",
                        "128",
                        "--input",
                        corpus.toString(),
                        "--output",
                        output.toString());
        assertThat(job.exitCode()).isEqualTo(1);
        assertThat(job.out()).isEmpty();
        assertThat(job.err().lines().filter(l -> l.startsWith("gpt1 generate: ")))
                .containsExactly(expected);
        assertThat(output).doesNotExist();
    }
}
