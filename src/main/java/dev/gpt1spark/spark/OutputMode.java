package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingException;
import java.util.Arrays;
import java.util.Locale;

/** What a job does when its output folder already exists. */
public enum OutputMode {
    /** Refuse to touch an existing output: {@link JobSettings#MODE}'s default. */
    ERROR,
    /** Delete the existing output first. */
    OVERWRITE,
    /** Finish an interrupted run of the same job: keep the committed parts, compute the rest. */
    RESUME,
    /** Add the rows to a table that may exist already (table output only). */
    APPEND;

    /** The word that names this mode: {@code error}, {@code overwrite}, … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every mode's word, in declaration order: the choices of {@link JobSettings#MODE}. */
    static String[] words() {
        return Arrays.stream(values()).map(OutputMode::word).toArray(String[]::new);
    }

    /** The mode named {@code name}; {@code append} only for a table output. */
    public static OutputMode parse(String name, boolean table) {
        OutputMode mode = null;
        try {
            mode = valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            // named below
        }
        if (mode == null && table) {
            JobSettings.MODE.check(name); // refuses it, naming every mode
        }
        if (mode == null || (mode == APPEND && !table)) {
            throw new SettingException(
                    "Cannot set ",
                    JobSettings.MODE,
                    " to "
                            + name
                            + ", expected "
                            + ERROR.word()
                            + ", "
                            + OVERWRITE.word()
                            + " or "
                            + RESUME.word()
                            + " (append is for ",
                    JobSettings.OUTPUT_TABLE,
                    ")");
        }
        return mode;
    }
}
