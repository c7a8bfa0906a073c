package dev.gpt1spark.cli;

import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where documents come from in-process, and the threads that process them. */
final class RunOptions {
    @Option(
            names = "--text",
            paramLabel = "TEXT",
            description =
                    "A document to process (repeatable). Without it, documents are read from"
                            + " standard input: one JSON object per line with a \"text\" field and an"
                            + " optional \"id\", or one plain-text document per line.")
    List<String> texts;

    @Mixin ThreadsOption threads;
}
