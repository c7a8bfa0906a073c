package dev.gpt1spark.spark;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings of a Spark job about where its rows come from and go to, declared once like the
 * per-document ones ({@code task/TaskSettings}): the command line's {@code --input-option}, the job
 * file's {@code input-option}, the job record's {@code input_option} are these constants.
 */
public final class JobSettings {
    /** Options for Spark's reader of the input, after the job's own: {@code sep=\t}. */
    public static final Setting<List<String>> INPUT_OPTION =
            Setting.strings(
                            "input-option",
                            "A Spark reader option for the input, as Spark spells it (repeatable):"
                                    + " sep=\\t, encoding=ISO-8859-1, recursiveFileLookup=true")
                    .label("KEY=VALUE")
                    .must("KEY=VALUE pairs", JobSettings::arePairs);

    /** Options for Spark's writer of the output, after the job's own: {@code compression=zstd}. */
    public static final Setting<List<String>> OUTPUT_OPTION =
            Setting.strings(
                            "output-option",
                            "A Spark writer option for the output, as Spark spells it (repeatable):"
                                    + " compression=zstd")
                    .label("KEY=VALUE")
                    .must("KEY=VALUE pairs", JobSettings::arePairs);

    /** The output files' format. */
    public static final Setting<String> OUTPUT_FORMAT =
            Setting.choice(
                    "output-format",
                    "parquet",
                    "Format of the output files",
                    "parquet",
                    "orc",
                    "json");

    /** The settings of every Spark job, in job-record order. */
    public static final Settings ALL = Settings.of(INPUT_OPTION, OUTPUT_OPTION, OUTPUT_FORMAT);

    private JobSettings() {}

    /** {@code KEY=VALUE} strings as a map in their order; a later key wins. */
    public static Map<String, String> pairs(List<String> options) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String option : options == null ? List.<String>of() : options) {
            int eq = option.indexOf('=');
            out.put(option.substring(0, eq).strip(), option.substring(eq + 1));
        }
        return out;
    }

    private static boolean arePairs(List<String> options) {
        return options.stream()
                .allMatch(o -> o.indexOf('=') > 0 && !o.substring(0, o.indexOf('=')).isBlank());
    }
}
