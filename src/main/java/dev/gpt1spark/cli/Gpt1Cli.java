package dev.gpt1spark.cli;

import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.spark.JobSettings;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code submit/gpt1}. */
@Command(
        name = "gpt1",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Runs OpenAI's GPT-1 (DJL, PyTorch engine, offline) over text.",
        subcommands = {
            InfoCommand.class,
            InitCommand.class,
            ConvertCommand.class,
            TokenizeCommand.class,
            EmbedCommand.class,
            ScoreCommand.class,
            GenerateCommand.class,
            ClassifyCommand.class,
            FinetuneCommand.class,
            PretrainCommand.class,
            ShowCommand.class,
            ReportCommand.class,
            BenchCommand.class
        })
public final class Gpt1Cli implements Runnable {
    private final InputStream in;
    private final String[] args;
    private Map<String, String> jobFileSparkConf = Map.of();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Gpt1Cli(InputStream in, String[] args) {
        this.in = in;
        this.args = args.clone();
    }

    /** The arguments of this invocation, passed on unchanged to spark-submit. */
    String[] args() {
        return args.clone();
    }

    /** The spark.* settings of the job file, if one was given. */
    Map<String, String> jobFileSparkConf() {
        return jobFileSparkConf;
    }

    /** Standard input of this invocation (replaceable in tests). */
    InputStream in() {
        return in;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    public static void main(String[] args) {
        System.exit(execute(System.in, System.out, System.err, args));
    }

    /** Runs one invocation and returns its exit code: 0 ok, 1 failure, 2 bad usage. */
    public static int execute(InputStream in, PrintStream out, PrintStream err, String... args) {
        Gpt1Cli root = new Gpt1Cli(in, args);
        CommandLine cli = commandLine(root);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler(
                (e, commandLine, parseResult) -> {
                    // One clear line for the user; the stack trace only adds noise for bad input.
                    commandLine
                            .getErr()
                            .println("gpt1 " + commandLine.getCommandName() + ": " + message(e));
                    return 1;
                });
        try {
            root.useJobFile(cli, args);
        } catch (RuntimeException e) {
            cli.getErr().println("gpt1: " + message(e));
            return 2;
        }
        return cli.execute(args);
    }

    /** The command line of {@code root}, with every command's settings as options. */
    static CommandLine commandLine(Gpt1Cli root) {
        CommandLine cli = new CommandLine(root);
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof SettingOptions.Declaring declaring) {
                SettingOptions.addTo(sub.getCommandSpec(), declaring.settings());
            }
            if (hasMixin(sub, ModelOptions.class)) {
                SettingOptions.addTo(sub.getCommandSpec(), Settings.of(CheckpointReader.N_HEAD));
            }
            boolean sparkJob = hasMixin(sub, SparkJobOptions.class);
            if (sparkJob || hasMixin(sub, TrainingInputOptions.class)) {
                SettingOptions.addTo(sub.getCommandSpec(), JobSettings.CORPUS);
            }
            if (sparkJob) {
                SettingOptions.addTo(sub.getCommandSpec(), JobSettings.ALL);
            }
        }
        return cli;
    }

    private static boolean hasMixin(CommandLine command, Class<?> type) {
        return command.getCommandSpec().mixins().values().stream()
                .anyMatch(m -> type.isInstance(m.userObject()));
    }

    /** Finds {@code --job FILE} before parsing, since defaults are applied before the arguments. */
    private void useJobFile(CommandLine cli, String[] args) {
        String file = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--job") && i + 1 < args.length) {
                file = args[i + 1];
            } else if (args[i].startsWith("--job=")) {
                file = args[i].substring("--job=".length());
            }
        }
        if (file == null || args.length == 0 || !cli.getSubcommands().containsKey(args[0])) {
            return;
        }
        CommandLine sub = cli.getSubcommands().get(args[0]);
        JobFile jobFile = new JobFile(Path.of(file), sub.getCommandSpec());
        sub.setDefaultValueProvider(jobFile);
        jobFileSparkConf = jobFile.sparkConf();
    }

    /** The message of {@code e}, with settings spelled as this command line's flags. */
    private static String message(Throwable e) {
        String m = e instanceof SettingText.Carrier c ? c.message(Spelling.FLAG) : e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
