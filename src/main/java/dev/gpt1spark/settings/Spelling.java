package dev.gpt1spark.settings;

import java.util.Locale;

/**
 * The ways one setting's name is written. A setting is declared with its key ({@code
 * window-stride}); every other spelling is derived from it.
 */
public enum Spelling {
    /** Job files and library messages: {@code window-stride}. */
    KEY,
    /** Command-line option: {@code --window-stride}. */
    FLAG,
    /** Spark ML param: {@code windowStride}. */
    PARAM,
    /** Run summary and job record: {@code window_stride}. */
    SUMMARY;

    /** {@code key} written this way. */
    public String of(String key) {
        switch (this) {
            case KEY:
                return key;
            case FLAG:
                return "--" + key;
            case PARAM:
                StringBuilder camel = new StringBuilder();
                for (String word : key.split("-")) {
                    camel.append(
                            camel.length() == 0
                                    ? word
                                    : word.substring(0, 1).toUpperCase(Locale.ROOT)
                                            + word.substring(1));
                }
                return camel.toString();
            case SUMMARY:
                return key.replace('-', '_');
            default:
                throw new IllegalStateException("unhandled spelling " + this);
        }
    }
}
