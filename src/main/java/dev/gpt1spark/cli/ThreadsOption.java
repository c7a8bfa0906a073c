package dev.gpt1spark.cli;

import dev.gpt1spark.model.TorchThreads;
import picocli.CommandLine.Option;

/** {@code --threads}: the Torch intra-op threads of a command that runs the model in-process. */
final class ThreadsOption {
    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Torch intra-op threads (default: one per core).")
    Integer threads;

    /** Sets the calling thread's intra-op threads when the option was given. */
    void apply() {
        if (threads != null) {
            TorchThreads.set(threads);
        }
    }
}
