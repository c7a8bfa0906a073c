package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingException;
import java.util.Locale;

/** What a job does when its output folder already exists. */
public enum OutputMode {
    /** Refuse to touch an existing output (the default). */
    ERROR,
    /** Delete the existing output first. */
    OVERWRITE,
    /** Finish an interrupted run of the same job: keep the committed parts, compute the rest. */
    RESUME,
    /** Add the rows to a table that may exist already (table output only). */
    APPEND;

    /** The mode named {@code name}; {@code append} only for a table output. */
    public static OutputMode parse(String name, boolean table) {
        OutputMode mode = null;
        try {
            mode = valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // named below
        }
        if (mode == null || (mode == APPEND && !table)) {
            throw table
                    ? new SettingException(
                            "Cannot set ",
                            JobSettings.MODE,
                            " to " + name + ", expected error," + " overwrite, resume or append")
                    : new SettingException(
                            "Cannot set ",
                            JobSettings.MODE,
                            " to " + name + ", expected error, overwrite or resume (append is for ",
                            JobSettings.OUTPUT_TABLE,
                            ")");
        }
        return mode;
    }
}
