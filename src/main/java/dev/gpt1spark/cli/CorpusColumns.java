package dev.gpt1spark.cli;

import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.spark.JobSettings;
import picocli.CommandLine.Model.CommandSpec;

/** How a command reads its corpus ({@link JobSettings#CORPUS}): the jobs and training alike. */
final class CorpusColumns {
    private CorpusColumns() {}

    /** The corpus at {@code input} read with {@code command}'s corpus settings. */
    static InputSpec spec(CommandSpec command, String input) {
        InputSpec spec =
                InputSpec.of(input)
                        .withFormat(SettingOptions.value(command, JobSettings.INPUT_FORMAT))
                        .withTextCol(SettingOptions.value(command, JobSettings.TEXT_COL));
        String idCol = SettingOptions.value(command, JobSettings.ID_COL);
        return idCol == null ? spec : spec.withIdCol(idCol);
    }
}
