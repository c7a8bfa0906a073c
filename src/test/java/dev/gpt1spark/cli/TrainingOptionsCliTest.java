package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.settings.SettingValues;
import dev.gpt1spark.train.FinetuneSettings;
import dev.gpt1spark.train.PretrainSettings;
import dev.gpt1spark.train.TrainingOptions;
import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The training recipe's options derive from its settings: defaults, help and messages. */
class TrainingOptionsCliTest {

    /** The recipe the command line would train with for {@code args}, parsed but not run. */
    private static TrainingOptions parsed(String... args) {
        CommandLine cli =
                Gpt1Cli.commandLine(new Gpt1Cli(new ByteArrayInputStream(new byte[0]), args));
        cli.parseArgs(args);
        CommandLine.Model.CommandSpec spec = cli.getSubcommands().get(args[0]).getCommandSpec();
        if (args[0].equals("pretrain")) {
            return PretrainSettings.recipe(SettingOptions.values(spec, PretrainSettings.ALL));
        }
        SettingValues values = SettingOptions.values(spec, FinetuneSettings.ALL);
        return FinetuneSettings.recipe(values);
    }

    @Test
    void noOptionsGiveGpt1sRecipe() {
        assertThat(parsed("pretrain", "--input", "in", "--output", "out"))
                .isEqualTo(new TrainingOptions(2.5e-4, 3, 32, 0.002, 0.01, 0.1f, 0, 0.1, 42));
        assertThat(parsed("finetune", "--model", "m", "--input", "in", "--output", "out"))
                .isEqualTo(new TrainingOptions(6.25e-5, 3, 32, 0.002, 0.01, 0.1f, 0.5, 0.1, 42));
        assertThat(
                        parsed(
                                        "finetune",
                                        "--model",
                                        "m",
                                        "--input",
                                        "in",
                                        "--output",
                                        "out",
                                        "--head-only")
                                .learningRate())
                .isEqualTo(1e-3);
    }

    @Test
    void everyOptionReachesTheRecipe() {
        assertThat(
                        parsed(
                                "finetune",
                                "--model",
                                "m",
                                "--input",
                                "in",
                                "--output",
                                "out",
                                "--head-only",
                                "--lr",
                                "5e-3",
                                "--epochs",
                                "2",
                                "--batch-size",
                                "8",
                                "--warmup",
                                "0.1",
                                "--weight-decay",
                                "0",
                                "--dropout",
                                "0.2",
                                "--lm-weight",
                                "0.25",
                                "--validation-fraction",
                                "0.3",
                                "--seed",
                                "7"))
                .isEqualTo(new TrainingOptions(5e-3, 2, 8, 0.1, 0, 0.2f, 0.25, 0.3, 7));
    }

    @Test
    void helpShowsEachDefault() {
        String pretrain = CliRun.of("pretrain", "--help").out().replaceAll("\\s+", " ");
        assertThat(pretrain)
                .contains("--lr=RATE Peak learning rate of Adam (default: 2.5e-4).")
                .contains("--warmup=FRACTION")
                .contains("(default: 0.002)")
                .contains(
                        "--seed=N Seeds the split, the shuffling, new weights and dropout"
                                + " (default: 42).");
        assertThat(CliRun.of("finetune", "--help").out().replaceAll("\\s+", " "))
                .contains(
                        "--lr=RATE Peak learning rate of Adam (default: 6.25e-5, GPT-1's, or 0.001"
                                + " with --head-only).")
                .contains(
                        "--lm-weight=W Weight of the auxiliary language-model loss (default:"
                                + " 0.5).")
                .contains(
                        "--text2-col=NAME Column with the second text of a pair task"
                                + " (entailment, similarity).");
    }

    @Test
    void badValuesAreRefusedNamingTheFlagBeforeAnyDataIsRead() {
        CliRun lr =
                CliRun.of(
                        "finetune",
                        "--model",
                        "no-such-model",
                        "--input",
                        "no-such-input",
                        "--output",
                        "out",
                        "--lr",
                        "-1");
        assertThat(lr.exitCode()).isEqualTo(1);
        assertThat(lr.err().strip()).isEqualTo("gpt1 finetune: --lr must be positive, got -1.0");

        CliRun warmup =
                CliRun.of(
                        "pretrain", "--input", "no-such-input", "--output", "out", "--warmup", "1");
        assertThat(warmup.err().strip())
                .isEqualTo("gpt1 pretrain: --warmup must be in [0, 1), got 1.0");

        CliRun lmWeight =
                CliRun.of(
                        "finetune",
                        "--model",
                        "no-such-model",
                        "--input",
                        "no-such-input",
                        "--output",
                        "out",
                        "--lm-weight",
                        "-0.5");
        assertThat(lmWeight.err().strip())
                .isEqualTo("gpt1 finetune: --lm-weight must be >= 0, got -0.5");

        CliRun noOutput =
                CliRun.of("finetune", "--model", "no-such-model", "--input", "no-such-input");
        assertThat(noOutput.exitCode()).isEqualTo(2);
        assertThat(noOutput.err()).startsWith("Missing required option: '--output=DIR'");
    }
}
