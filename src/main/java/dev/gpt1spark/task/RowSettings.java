package dev.gpt1spark.task;

import static dev.gpt1spark.task.TaskSettings.MAX_NEW_TOKENS;
import static dev.gpt1spark.task.TaskSettings.MAX_NEW_TOKENS_COL;
import static dev.gpt1spark.task.TaskSettings.MIN_NEW_TOKENS;
import static dev.gpt1spark.task.TaskSettings.SEED;
import static dev.gpt1spark.task.TaskSettings.SEED_COL;
import static dev.gpt1spark.task.TaskSettings.TEMPERATURE;
import static dev.gpt1spark.task.TaskSettings.TEMPERATURE_COL;
import static dev.gpt1spark.task.TaskSettings.TOP_P;
import static dev.gpt1spark.task.TaskSettings.TOP_P_COL;

import dev.gpt1spark.inference.GenerationOptions;
import dev.gpt1spark.settings.Setting;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.SettingValues;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * generate's per-row settings, as vLLM's per-prompt sampling parameters: a column named by a {@code
 * *-col} setting gives each row its own value of a setting, and an empty cell keeps the job's. The
 * runners hand each row's raw cells to the task (by the setting's key); the task reads and checks
 * them next to the model, and a bad value gives that row an error, never the job.
 */
public final class RowSettings {
    private RowSettings() {}

    /** A column setting and the setting whose per-row value it names. */
    private record Pair(Setting<String> column, Setting<?> target) {}

    private static final List<Pair> GENERATE =
            List.of(
                    new Pair(MAX_NEW_TOKENS_COL, MAX_NEW_TOKENS),
                    new Pair(TEMPERATURE_COL, TEMPERATURE),
                    new Pair(TOP_P_COL, TOP_P),
                    new Pair(SEED_COL, SEED));

    /** The column settings, in the order the command lists them. */
    static List<Setting<?>> columnSettings() {
        return GENERATE.stream().<Setting<?>>map(Pair::column).toList();
    }

    /**
     * The columns a generate spec reads: the key of the setting each overrides → the column name,
     * in declaration order; empty when none is set.
     */
    static Map<String, String> columns(SettingValues v) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Pair p : GENERATE) {
            String column = v.get(p.column());
            if (!column.isEmpty()) {
                out.put(p.target().key(), column);
            }
        }
        return out;
    }

    /** A row's options, or why the row cannot be generated. */
    record Resolved(GenerationOptions options, String error) {}

    /**
     * One row's options: the job's, with the row's values in place of those its cells give.
     *
     * @param values the row's non-null cells by the key of the setting they override: numbers, or
     *     text (CSV cells and Spark jobs' columns are read as text)
     * @param columns the column of each overridden setting, for messages
     */
    static Resolved resolve(
            GenerationOptions base,
            Map<String, Object> values,
            Map<String, String> columns,
            int nPositions) {
        if (values.isEmpty()) {
            return new Resolved(base, null);
        }
        try {
            int maxNew =
                    value(MAX_NEW_TOKENS, values, columns, base.maxNewTokens(), nPositions, base);
            float temperature = value(TEMPERATURE, values, columns, base.temperature());
            float topP = value(TOP_P, values, columns, base.topP());
            long seed = value(SEED, values, columns, base.seed());
            return new Resolved(base.forRow(maxNew, temperature, topP, seed), null);
        } catch (SettingException e) {
            return new Resolved(null, e.getMessage());
        }
    }

    private static int value(
            Setting<Integer> setting,
            Map<String, Object> values,
            Map<String, String> columns,
            int fallback,
            int nPositions,
            GenerationOptions base) {
        Integer n = value(setting, values, columns, (Integer) fallback);
        if (!values.containsKey(setting.key())) {
            return n;
        }
        String where = "column \"" + columns.get(setting.key()) + "\": ";
        if (n >= nPositions) {
            throw new SettingException(
                    where,
                    setting,
                    " "
                            + n
                            + " leaves no room for a prompt: it must be below the model's"
                            + " n_positions "
                            + nPositions);
        }
        if (n < base.minNewTokens()) {
            throw new SettingException(
                    where,
                    setting,
                    " " + n + " is below ",
                    MIN_NEW_TOKENS,
                    " " + base.minNewTokens());
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(
            Setting<T> setting,
            Map<String, Object> values,
            Map<String, String> columns,
            T fallback) {
        Object raw = values.get(setting.key());
        if (raw == null) {
            return fallback;
        }
        String where = "column \"" + columns.get(setting.key()) + "\": ";
        T parsed;
        try {
            parsed = (T) parse(setting, raw);
        } catch (NumberFormatException | ArithmeticException e) {
            String quoted = raw instanceof String ? "\"" + raw + "\"" : String.valueOf(raw);
            throw new SettingException(
                    where,
                    setting,
                    " must be "
                            + (setting.kind() == Setting.Kind.FLOAT ? "a number" : "a whole number")
                            + ", got "
                            + quoted);
        }
        if (!setting.accepts(parsed)) {
            try {
                setting.check(parsed);
            } catch (SettingException e) {
                throw new SettingException(where + e.getMessage());
            }
        }
        return parsed;
    }

    /** A cell as the setting's type: a number, or its text. */
    private static Object parse(Setting<?> setting, Object raw) {
        if (!(raw instanceof Number) && !(raw instanceof String)) {
            throw new NumberFormatException();
        }
        String text = raw.toString().trim();
        switch (setting.kind()) {
            case INT:
                return new BigDecimal(text).intValueExact();
            case LONG:
                return new BigDecimal(text).longValueExact();
            case FLOAT:
                return Float.parseFloat(text);
            default:
                throw new IllegalStateException("no per-row value for " + setting);
        }
    }
}
