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
            defaultValue = "8192",
            paramLabel = "N",
            description =
                    "Token budget of one forward pass, rows × longest row (default: ${DEFAULT-VALUE}).")
    int batchTokens;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Torch intra-op threads (default: one per core).")
    Integer threads;
}
