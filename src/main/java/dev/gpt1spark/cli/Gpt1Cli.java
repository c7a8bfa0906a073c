package dev.gpt1spark.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
            ClassifyCommand.class
        })
public final class Gpt1Cli implements Runnable {
    private final InputStream in;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    Gpt1Cli(InputStream in) {
        this.in = in;
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
        CommandLine cli = new CommandLine(new Gpt1Cli(in));
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
        return cli.execute(args);
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
