package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Decides the input format: the one asked for, or the one the first data file's name implies. */
final class FormatDetector {
    private FormatDetector() {}

    /**
     * Checks that every path names at least one data file, and returns the format to read them
     * with. With {@code auto}, each path's first data file (in name order) must have a known
     * extension and all of them the same one; other files under a folder are not looked at.
     */
    static InputFormat resolve(String format, List<String> paths, Configuration conf) {
        InputFormat chosen = null;
        Path chosenFrom = null;
        for (String path : paths) {
            Path file = InputPaths.firstDataFile(path, conf);
            if (!format.equals(InputSpec.AUTO)) {
                continue; // only checked for existence
            }
            InputFormat detected =
                    InputFormat.ofFileName(file.getName())
                            .orElseThrow(
                                    () ->
                                            new SettingException(
                                                    "cannot tell the format of input file \""
                                                            + file
                                                            + "\" from its name; set ",
                                                    JobSettings.INPUT_FORMAT,
                                                    " to " + InputFormat.names()));
            if (chosen != null && detected != chosen) {
                throw new IllegalArgumentException(
                        "input files have different formats: \""
                                + chosenFrom
                                + "\" is "
                                + chosen.optionName()
                                + ", \""
                                + file
                                + "\" is "
                                + detected.optionName()
                                + "; read them separately");
            }
            chosen = detected;
            chosenFrom = file;
        }
        return chosen != null ? chosen : InputFormat.ofOptionName(format).orElseThrow();
    }
}
