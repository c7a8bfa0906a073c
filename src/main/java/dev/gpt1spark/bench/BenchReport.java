package dev.gpt1spark.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's figures: a table for people and one JSON object (a map) for machines. */
public final class BenchReport {
    private record Line(String key, Object value, String unit, String what) {}

    private final List<Line> lines = new ArrayList<>();

    /** Adds a figure; {@code value} is a number, a string or null (not measured, see what). */
    void put(String key, Object value, String unit, String what) {
        lines.add(new Line(key, value, unit, what));
    }

    /** Adds a section heading to the table (not to the JSON). */
    void section(String title) {
        lines.add(new Line(null, null, null, title));
    }

    /** Every figure by key, in the order measured. */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.key() != null) {
                values.put(l.key(), round(l.value()));
            }
        }
        return values;
    }

    /** How many lines (figures and headings) the report holds so far. */
    int size() {
        return lines.size();
    }

    /** Writes the readable table from line {@code from} on (0: all of it). */
    void printTable(PrintWriter out, int from) {
        for (Line l : lines.subList(from, lines.size())) {
            if (l.key() == null) {
                out.println();
                out.println("== " + l.what());
                continue;
            }
            out.printf(
                    Locale.ROOT,
                    "  %-34s %14s %-9s %s%n",
                    l.key(),
                    format(l.value()),
                    l.unit() == null ? "" : l.unit(),
                    l.what());
        }
        out.flush();
    }

    private static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double v = ((Number) value).doubleValue();
            return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : sig(v);
        }
        return String.valueOf(value);
    }

    private static String sig(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Doubles to 4 significant digits in the JSON: more would be noise. */
    private static Object round(Object value) {
        if (value instanceof Double d && Double.isFinite(d) && d != 0) {
            return Double.parseDouble(sig(d));
        }
        return value;
    }
}
