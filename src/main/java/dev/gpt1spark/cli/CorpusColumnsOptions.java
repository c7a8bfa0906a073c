package dev.gpt1spark.cli;

import dev.gpt1spark.spark.InputSpec;
import picocli.CommandLine.Option;

/** How a corpus is read, shared by the jobs and the training commands. */
final class CorpusColumnsOptions {
    @Option(
            names = "--input-format",
            defaultValue = "auto",
            paramLabel = "auto|text|jsonl|csv|parquet",
            description = "Input format; auto goes by file extension (default: ${DEFAULT-VALUE}).")
    String inputFormat;

    @Option(
            names = "--text-col",
            defaultValue = InputSpec.DEFAULT_TEXT_COL,
            paramLabel = "NAME",
            description = "Column with the text (default: ${DEFAULT-VALUE}).")
    String textCol;

    @Option(
            names = "--id-col",
            paramLabel = "NAME",
            description =
                    "Column with the row id (default: id if present, else ids are generated as"
                            + " <file>:<row>, the same for the same input files).")
    String idCol;

    /** The corpus at {@code input} read with these settings. */
    InputSpec spec(String input) {
        InputSpec spec = InputSpec.of(input).withFormat(inputFormat).withTextCol(textCol);
        return idCol == null ? spec : spec.withIdCol(idCol);
    }
}
