package dev.gpt1spark.settings;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A value for every setting of a command, each valid; immutable and serialisable (a task ships it
 * to the executors). Equal when the values are.
 */
public final class SettingValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Settings settings;
    private final Map<String, Object> values;

    SettingValues(Settings settings, Map<String, Object> values) {
        this.settings = settings;
        this.values = values;
    }

    /**
     * The value of {@code setting}.
     *
     * @throws IllegalArgumentException when the command has no such setting
     */
    public <T> T get(Setting<T> setting) {
        if (!settings.contains(setting)) {
            throw new IllegalArgumentException("no setting " + setting.key() + " here");
        }
        return setting.cast(values.get(setting.key()));
    }

    /** A copy with {@code setting} set to {@code value}, which is checked. */
    public <T> SettingValues with(Setting<T> setting, T value) {
        Map<String, Object> given = new LinkedHashMap<>(values);
        given.put(setting.key(), value);
        return settings.resolve(given);
    }

    /** The settings these values are for. */
    public Settings settings() {
        return settings;
    }

    /** The values by summary key ({@code window_stride}), in declaration order. */
    public Map<String, Object> summary() {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(Spelling.SUMMARY.of(key), value));
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SettingValues v && v.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
