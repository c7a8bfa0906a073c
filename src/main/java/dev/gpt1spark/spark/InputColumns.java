package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.task.TaskSettings;
import java.util.List;
import java.util.stream.Collectors;

/** Checks that the columns a spec names exist, with messages that list what the input has. */
final class InputColumns {
    private InputColumns() {}

    /**
     * @param columns the input's columns, in schema order
     * @throws IllegalArgumentException naming the first kind of column that is missing: the text
     *     column, the second text column, an explicit id column, or all missing kept columns
     */
    static void check(InputSpec spec, List<String> columns) {
        String listed = "(columns: " + String.join(", ", columns) + ")";
        if (!columns.contains(spec.textCol())) {
            throw new SettingException(
                    "input has no column \"" + spec.textCol() + "\" " + listed + "; set ",
                    JobSettings.TEXT_COL);
        }
        if (spec.text2Col() != null && !columns.contains(spec.text2Col())) {
            throw new SettingException(
                    "input has no column \"" + spec.text2Col() + "\" " + listed + "; set ",
                    TaskSettings.TEXT2_COL);
        }
        if (spec.idColExplicit() && !columns.contains(spec.idCol())) {
            throw new SettingException(
                    "input has no column \"" + spec.idCol() + "\" " + listed + "; set ",
                    JobSettings.ID_COL,
                    " or leave it out to generate ids");
        }
        List<String> missing = spec.keepCols().stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new SettingException(
                    "input has no column"
                            + (missing.size() > 1 ? "s " : " ")
                            + missing.stream()
                                    .map(c -> "\"" + c + "\"")
                                    .collect(Collectors.joining(", "))
                            + " "
                            + listed
                            + "; check ",
                    JobSettings.KEEP_COLS);
        }
    }
}
