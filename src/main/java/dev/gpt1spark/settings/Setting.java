package dev.gpt1spark.settings;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One job setting, declared once: its key, type, default, one-line description and the values it
 * accepts. Everything else derives from this declaration: the command-line option ({@link
 * Spelling#FLAG}), the job-file key ({@link Spelling#KEY}), the Spark ML param ({@link
 * Spelling#PARAM}), the run summary's key ({@link Spelling#SUMMARY}) and the message a bad value
 * gets.
 *
 * <pre>{@code
 * static final Setting<Integer> TOP_K =
 *         Setting.integer("top-k", 0, "sample among the K most probable tokens; 0 for all")
 *                 .must(">= 0", k -> k >= 0)
 *                 .label("K");
 * }</pre>
 *
 * @param <T> Integer, Long, Float, Double, Boolean, String or List&lt;String&gt; (see {@link Kind})
 */
public final class Setting<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The value types a setting can have; each maps to one picocli type and one ML param type. */
    public enum Kind {
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        BOOLEAN,
        STRING,
        /** A list of strings; on the command line a repeatable option. */
        STRINGS
    }

    /** What a valid value satisfies; serialisable because ML params carry it to executors. */
    @FunctionalInterface
    public interface Rule<T> extends Serializable {
        boolean test(T value);
    }

    private final String key;
    private final Kind kind;
    private final T defaultValue;
    private final SettingText doc;
    private final SettingText defaultDoc;
    private final String label;
    private final List<String> choices;
    private final String expected;
    private final Rule<T> rule;
    private final boolean commaSeparated;
    private final boolean required;

    private Setting(
            String key,
            Kind kind,
            T defaultValue,
            SettingText doc,
            SettingText defaultDoc,
            String label,
            List<String> choices,
            String expected,
            Rule<T> rule,
            boolean commaSeparated,
            boolean required) {
        if (!key.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("a setting key is lower-case-with-dashes: " + key);
        }
        this.key = key;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.doc = doc;
        this.defaultDoc = defaultDoc;
        this.label = label;
        this.choices = choices;
        this.expected = expected;
        this.rule = rule;
        this.commaSeparated = commaSeparated;
        this.required = required;
        if (defaultValue != null) {
            check(defaultValue);
        }
    }

    private static <T> Setting<T> of(
            String key, Kind kind, T defaultValue, String doc, String label) {
        return new Setting<>(
                key,
                kind,
                defaultValue,
                new SettingText(doc),
                null,
                label,
                List.of(),
                null,
                v -> true,
                false,
                false);
    }

    /** An int setting; a null default means "none unless given". */
    public static Setting<Integer> integer(String key, Integer defaultValue, String doc) {
        return of(key, Kind.INT, defaultValue, doc, "N");
    }

    /** A long setting. */
    public static Setting<Long> longInteger(String key, long defaultValue, String doc) {
        return of(key, Kind.LONG, defaultValue, doc, "N");
    }

    /** A float setting (a double as an ML param, for convenience). */
    public static Setting<Float> decimal(String key, float defaultValue, String doc) {
        return of(key, Kind.FLOAT, defaultValue, doc, "X");
    }

    /** A double setting; a null default means "none unless given". */
    public static Setting<Double> real(String key, Double defaultValue, String doc) {
        return of(key, Kind.DOUBLE, defaultValue, doc, "X");
    }

    /** A switch, off by default; on the command line an option without a value. */
    public static Setting<Boolean> flag(String key, String doc) {
        return of(key, Kind.BOOLEAN, false, doc, null);
    }

    /** A string setting. */
    public static Setting<String> text(String key, String defaultValue, String doc) {
        return of(key, Kind.STRING, defaultValue, doc, "TEXT");
    }

    /** One of a few lower-case words. */
    public static Setting<String> choice(
            String key, String defaultValue, String doc, String... choices) {
        List<String> all = List.of(choices);
        return new Setting<>(
                key,
                Kind.STRING,
                defaultValue,
                new SettingText(doc),
                null,
                String.join("|", all),
                all,
                orList(all),
                all::contains,
                false,
                false);
    }

    /** A list of strings, empty by default. */
    public static Setting<List<String>> strings(String key, String doc) {
        return of(key, Kind.STRINGS, List.of(), doc, "TEXT");
    }

    /** This setting accepting only values that pass {@code rule}, described as {@code expected}. */
    public Setting<T> must(String expected, Rule<T> rule) {
        return new Setting<>(
                key,
                kind,
                defaultValue,
                doc,
                defaultDoc,
                label,
                choices,
                expected,
                rule,
                commaSeparated,
                required);
    }

    /** This setting with another default (a command whose best default differs). */
    public Setting<T> withDefault(T value) {
        return new Setting<>(
                key,
                kind,
                value,
                doc,
                defaultDoc,
                label,
                choices,
                expected,
                rule,
                commaSeparated,
                required);
    }

    /**
     * This setting with the default described in words, when the value stands for something else;
     * each {@link Setting} among {@code pieces} is written as its name.
     */
    public Setting<T> defaultDoc(Object... pieces) {
        return new Setting<>(
                key,
                kind,
                defaultValue,
                doc,
                text(pieces),
                label,
                choices,
                expected,
                rule,
                commaSeparated,
                required);
    }

    /** This list setting written as one comma-separated value ({@code a,b}) on the command line. */
    public Setting<T> commaSeparated() {
        if (kind != Kind.STRINGS) {
            throw new IllegalStateException(key + " is not a list: it cannot be comma-separated");
        }
        return new Setting<>(
                key,
                kind,
                defaultValue,
                doc,
                defaultDoc,
                label,
                choices,
                expected,
                rule,
                true,
                required);
    }

    /**
     * This setting with another description (a command that uses it for something narrower); each
     * {@link Setting} among {@code pieces} is written as its name, as the reader spells it.
     */
    public Setting<T> withDoc(Object... pieces) {
        return new Setting<>(
                key,
                kind,
                defaultValue,
                text(pieces),
                defaultDoc,
                label,
                choices,
                expected,
                rule,
                commaSeparated,
                required);
    }

    /** This setting, without a default, as one a command cannot run without. */
    public Setting<T> required() {
        if (defaultValue != null) {
            throw new IllegalStateException(key + " has a default: it cannot be required");
        }
        return new Setting<>(
                key,
                kind,
                defaultValue,
                doc,
                defaultDoc,
                label,
                choices,
                expected,
                rule,
                commaSeparated,
                true);
    }

    /** Whether a command cannot run without a value for this setting. */
    public boolean isRequired() {
        return required;
    }

    /** Whether the command line takes this list as one comma-separated value. */
    public boolean isCommaSeparated() {
        return commaSeparated;
    }

    /** This setting with another placeholder in usage text ({@code N}, {@code SECONDS}, …). */
    public Setting<T> label(String text) {
        return new Setting<>(
                key,
                kind,
                defaultValue,
                doc,
                defaultDoc,
                text,
                choices,
                expected,
                rule,
                commaSeparated,
                required);
    }

    /** The name, lower case with dashes: the job-file key; see {@link Spelling} for the rest. */
    public String key() {
        return key;
    }

    /** The name written one of the ways a layer shows it. */
    public String name(Spelling spelling) {
        return spelling.of(key);
    }

    public Kind kind() {
        return kind;
    }

    /** The default value; null only for a setting that has none (a path, an optional column). */
    public T defaultValue() {
        return defaultValue;
    }

    /** One line saying what the setting does, without its default; other settings by key. */
    public String doc() {
        return doc(Spelling.KEY);
    }

    /** {@link #doc()} with other settings' names written in {@code spelling}. */
    public String doc(Spelling spelling) {
        return doc.in(spelling);
    }

    /**
     * The default as users read it: {@link #defaultDoc(Object...)} if given, else the value; null
     * when there is neither.
     */
    public String defaultText() {
        return defaultText(Spelling.KEY);
    }

    /** {@link #defaultText()} with settings' names written in {@code spelling}. */
    public String defaultText(Spelling spelling) {
        if (defaultDoc != null) {
            return defaultDoc.in(spelling);
        }
        if (defaultValue == null) {
            return null;
        }
        return defaultValue instanceof List<?> l && l.isEmpty() ? "none" : written(defaultValue);
    }

    /** A value as users write it: numbers in lower-case exponent form ({@code 2.5e-4}). */
    public static String written(Object value) {
        return value instanceof Double || value instanceof Float
                ? String.valueOf(value).replace("E", "e")
                : String.valueOf(value);
    }

    /** The value placeholder in usage text, or null for a switch. */
    public String label() {
        return label;
    }

    /** The accepted words of a choice; empty for other settings. */
    public List<String> choices() {
        return choices;
    }

    /** Whether {@code value} is valid (null never is). */
    public boolean accepts(T value) {
        return value != null && rule.test(value);
    }

    /**
     * Returns {@code value} when it is valid.
     *
     * @throws SettingException naming this setting and the value
     */
    public T check(T value) {
        if (accepts(value)) {
            return value;
        }
        if (!choices.isEmpty()) {
            throw new SettingException(
                    "Cannot set ", this, " to " + value + ", expected " + expected);
        }
        throw new SettingException(this, " must be " + expected + ", got " + value);
    }

    /** Casts a value read from elsewhere (a map, a param) to this setting's type. */
    @SuppressWarnings("unchecked")
    T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return key;
    }

    /** Pieces as a text; a null piece is a setting declared further down, read too early. */
    private static SettingText text(Object... pieces) {
        for (Object p : pieces) {
            Objects.requireNonNull(p, "a piece of a setting's description is null");
        }
        return new SettingText(pieces);
    }

    private static String orList(List<String> words) {
        int n = words.size();
        return n == 1
                ? words.get(0)
                : String.join(", ", words.subList(0, n - 1)) + " or " + words.get(n - 1);
    }
}
