package dev.gpt1spark.spark;

import java.util.Locale;

/** What a job does when its output folder already exists. */
public enum OutputMode {
    /** Refuse to touch an existing output (the default). */
    ERROR,
    /** Delete the existing output first. */
    OVERWRITE,
    /** Finish an interrupted run of the same job: keep the committed parts, compute the rest. */
    RESUME;

    public static OutputMode parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Cannot set --mode to " + name + ", expected error, overwrite or resume", e);
        }
    }
}
