package dev.gpt1spark.settings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one command, in the order users see them (help, summaries). Resolves given values
 * against the declared defaults: the one place where "given, else default" is written.
 */
public final class Settings implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Map<String, Setting<?>> byKey = new LinkedHashMap<>();

    private Settings(List<Setting<?>> settings) {
        for (Setting<?> s : settings) {
            if (byKey.put(s.key(), s) != null) {
                throw new IllegalArgumentException("setting " + s.key() + " declared twice");
            }
        }
    }

    public static Settings of(Setting<?>... settings) {
        return new Settings(List.of(settings));
    }

    /** These settings, then {@code more}. */
    public Settings plus(Setting<?>... more) {
        List<Setting<?>> all = new ArrayList<>(list());
        all.addAll(List.of(more));
        return new Settings(all);
    }

    public List<Setting<?>> list() {
        return List.copyOf(byKey.values());
    }

    public Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public boolean contains(Setting<?> setting) {
        Setting<?> own = byKey.get(setting.key());
        return own != null && own.kind() == setting.kind();
    }

    /** Every setting at its default. */
    public SettingValues defaults() {
        return resolve(Map.of());
    }

    /**
     * The values of every setting: the given one where there is one, else the default.
     *
     * @param given values by key; a null value counts as not given
     * @throws SettingException for an unknown key or a value its setting refuses
     */
    public SettingValues resolve(Map<String, ?> given) {
        for (Map.Entry<String, ?> e : given.entrySet()) {
            if (!byKey.containsKey(e.getKey())) {
                throw new SettingException(
                        "Cannot set "
                                + e.getKey()
                                + " to "
                                + e.getValue()
                                + ", expected one of "
                                + String.join(", ", byKey.keySet()));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Setting<?> s : byKey.values()) {
            Object value = given.get(s.key());
            values.put(s.key(), value == null ? s.defaultValue() : check(s, value));
        }
        return new SettingValues(this, values);
    }

    private static <T> T check(Setting<T> setting, Object value) {
        T typed = setting.cast(value instanceof List<?> l ? List.copyOf(l) : value);
        return setting.check(typed);
    }
}
