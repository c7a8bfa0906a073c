package dev.gpt1spark.cli;

import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingValues;
import dev.gpt1spark.settings.Settings;
import dev.gpt1spark.settings.Spelling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Settings as picocli options: the flag, value type, usage text and default of each come from its
 * declaration. A job file's keys are these options' names, so it needs nothing of its own; picocli
 * applies command line over job file ({@link JobFile}) over default.
 */
final class SettingOptions {
    private SettingOptions() {}

    /** A command whose options include settings. */
    interface Declaring {
        /** The settings this command takes as options. */
        Settings settings();
    }

    /** Adds an option per setting to {@code command}. */
    static void addTo(CommandSpec command, Settings settings) {
        for (Setting<?> s : settings.list()) {
            command.addOption(option(s));
        }
    }

    private static OptionSpec option(Setting<?> s) {
        OptionSpec.Builder b = OptionSpec.builder(s.name(Spelling.FLAG));
        // picocli formats descriptions: a literal % must be written %%.
        String text = s.doc(Spelling.FLAG);
        String doc =
                (text.endsWith(".") ? text.substring(0, text.length() - 1) : text)
                        .replace("%", "%%");
        switch (s.kind()) {
            case BOOLEAN:
                // picocli infers arity 0; an explicit one would make it read any default as
                // "given".
                b.type(boolean.class).defaultValue(String.valueOf(s.defaultValue()));
                b.description(doc + ".");
                return b.build();
            case STRINGS:
                b.type(List.class).auxiliaryTypes(String.class);
                if (s.isCommaSeparated()) {
                    b.splitRegex(",");
                }
                b.paramLabel(s.label()).description(doc + ".");
                return b.build();
            case INT:
                b.type(Integer.class);
                break;
            case LONG:
                b.type(Long.class);
                break;
            case FLOAT:
                b.type(Float.class);
                break;
            case DOUBLE:
                b.type(Double.class);
                break;
            case STRING:
                b.type(String.class);
                break;
            default:
                throw new IllegalStateException("unhandled kind " + s.kind());
        }
        b.paramLabel(s.label()).required(s.isRequired());
        if (s.defaultValue() == null) {
            String words = s.defaultText(Spelling.FLAG);
            return b.description(doc + (words == null ? "" : " (default: " + words + ")") + ".")
                    .build();
        }
        String value = Setting.written(s.defaultValue());
        b.defaultValue(value);
        // ${DEFAULT-VALUE} shows a job file's value when one is given, as picocli resolves it.
        String words = s.defaultText(Spelling.FLAG);
        String shown = words.equals(value) ? "${DEFAULT-VALUE}" : words;
        return b.description(doc + " (default: " + shown + ").").build();
    }

    /** The parsed value of each of {@code settings}, by key (null where none was given). */
    static Map<String, Object> given(CommandSpec command, Settings settings) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Setting<?> s : settings.list()) {
            out.put(s.key(), command.findOption(s.name(Spelling.FLAG)).getValue());
        }
        return out;
    }

    /** The parsed values of {@code settings}, checked in their order; defaults where none given. */
    static SettingValues values(CommandSpec command, Settings settings) {
        return settings.resolve(given(command, settings));
    }

    /** The parsed value of one setting, checked; its default when none was given. */
    static <T> T value(CommandSpec command, Setting<T> setting) {
        OptionSpec option = command.findOption(setting.name(Spelling.FLAG));
        T value = option == null ? null : option.getValue();
        return value == null ? setting.defaultValue() : setting.check(value);
    }
}
