package dev.gpt1spark.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Where documents come from and how much work a batch holds. */
final class RunOptions {
    @Option(
            names = "--text",
            paramLabel = "TEXT",
            description =
                    "A document to process (repeatable). Without it, documents are read from"
                            + " standard input: one JSON object per line with a \"text\" field and an"
                            + " optional \"id\", or one plain-text document per line.")
    List<String> texts;

    @Option(
            names = "--batch-docs",
            defaultValue = "256",
            paramLabel = "N",
            description = "Documents read and processed together (default: ${DEFAULT-VALUE}).")
    int batchDocs;

    @Option(
            names = "--batch-tokens",
            paramLabel = "N",
            description =
                    "Token budget of one batch, rows × longest row (default: 512 for embed, score"
                            + " and classify, whose activations then stay in the CPU's cache;"
                            + " 8192 for generate, whose decode steps read every weight once per"
                            + " batch).")
    Integer batchTokens;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Torch intra-op threads (default: one per core).")
    Integer threads;

    /** The budget asked for, or the task's default. */
    int batchTokens(int taskDefault) {
        int value = batchTokens == null ? taskDefault : batchTokens;
        if (value < 1) {
            throw new IllegalArgumentException("--batch-tokens must be >= 1, got " + value);
        }
        return value;
    }
}
