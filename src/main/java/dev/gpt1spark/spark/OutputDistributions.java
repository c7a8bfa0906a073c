package dev.gpt1spark.spark;

import dev.gpt1spark.task.FieldType;
import dev.gpt1spark.task.OutputField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Distributions of a job output's per-document figures, for the run summary: for each numeric field
 * (perplexity, mean_nll, n_tokens, …) count, min, max, mean, quantiles and a histogram; for the
 * categorical ones (label, finish_reason) and {@code error} the count of each value. A user
 * choosing a perplexity threshold reads these instead of querying the output first.
 */
final class OutputDistributions {
    /** Histogram bins (fewer for whole numbers spanning fewer values). */
    static final int BINS = 20;

    /** The quantiles reported, as summary keys p1 … p99. */
    static final double[] QUANTILES = {0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99};

    /** Spark's approxQuantile error bound: exact ranks would sort the whole output. */
    static final double RELATIVE_ERROR = 0.001;

    /** Values kept by name in a count table; the rest go to "(other)". */
    static final int MAX_CATEGORIES = 20;

    /** Spread over orders of magnitude: binned on a log scale. */
    private static final Set<String> LOG_SCALE = Set.of("perplexity");

    /** Numbers that name things, not measure them. */
    private static final Set<String> NOT_MEASURES = Set.of("label_id");

    private static final Set<String> CATEGORICAL = Set.of("label", "finish_reason");

    private OutputDistributions() {}

    /**
     * The summary's keys: {@code distributions} (numeric fields), {@code value_counts} (categorical
     * fields) and {@code errors_by_reason}.
     */
    static Map<String, Object> summary(Dataset<Row> output, List<OutputField> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("distributions", numeric(output, fields));
        out.put("value_counts", categorical(output, fields));
        Column error = functions.col(OutputColumns.ERROR);
        out.put("errors_by_reason", counts(output.filter(error.isNotNull()), OutputColumns.ERROR));
        return out;
    }

    /** The numeric fields' distributions, by field name (rows with an error have none). */
    static Map<String, Object> numeric(Dataset<Row> output, List<OutputField> fields) {
        List<String> names = new ArrayList<>();
        for (OutputField f : fields) {
            if (isMeasure(f)) {
                names.add(f.name());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<Column> aggregates = new ArrayList<>();
        for (String name : names) {
            Column c = functions.col(name).cast("double");
            aggregates.add(functions.count(c));
            aggregates.add(functions.min(c));
            aggregates.add(functions.max(c));
            aggregates.add(functions.avg(c));
        }
        Row stats =
                output.agg(
                                aggregates.get(0),
                                aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                        .first();
        double[][] quantiles =
                output.stat()
                        .approxQuantile(names.toArray(String[]::new), QUANTILES, RELATIVE_ERROR);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            long count = stats.getLong(4 * i);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("count", count);
            if (count > 0) {
                double min = stats.getDouble(4 * i + 1);
                double max = stats.getDouble(4 * i + 2);
                d.put("min", min);
                d.put("max", max);
                d.put("mean", stats.getDouble(4 * i + 3));
                Map<String, Object> q = new LinkedHashMap<>();
                for (int k = 0; k < QUANTILES.length; k++) {
                    q.put(key(QUANTILES[k]), quantiles[i][k]);
                }
                d.put("quantiles", q);
                if (Double.isFinite(min) && Double.isFinite(max)) { // an overflowed perplexity
                    Histogram h =
                            LOG_SCALE.contains(name) && min > 0
                                    ? Histogram.logScale(min, max, BINS)
                                    : Histogram.linear(min, max, BINS, isWhole(fields, name));
                    d.put("histogram", h.count(output, name).toMap());
                }
            }
            out.put(name, d);
        }
        return out;
    }

    /** How often each value of the categorical fields occurs, by field name. */
    static Map<String, Object> categorical(Dataset<Row> output, List<OutputField> fields) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OutputField f : fields) {
            if (CATEGORICAL.contains(f.name())) {
                out.put(
                        f.name(),
                        counts(output.filter(functions.col(f.name()).isNotNull()), f.name()));
            }
        }
        return out;
    }

    /** How often each value of a column occurs, most frequent first, at most MAX_CATEGORIES. */
    static Map<String, Long> counts(Dataset<Row> rows, String column) {
        List<Row> byValue =
                rows.groupBy(functions.col(column))
                        .count()
                        .orderBy(functions.desc("count"), functions.asc(column))
                        .collectAsList();
        Map<String, Long> out = new LinkedHashMap<>();
        long other = 0;
        for (Row r : byValue) {
            if (out.size() < MAX_CATEGORIES) {
                out.put(String.valueOf(r.get(0)), r.getLong(1));
            } else {
                other += r.getLong(1);
            }
        }
        if (other > 0) {
            out.put("(other)", other);
        }
        return out;
    }

    private static boolean isMeasure(OutputField f) {
        boolean number =
                f.type() == FieldType.INT
                        || f.type() == FieldType.FLOAT
                        || f.type() == FieldType.DOUBLE;
        return number && !NOT_MEASURES.contains(f.name());
    }

    private static boolean isWhole(List<OutputField> fields, String name) {
        return fields.stream().anyMatch(f -> f.name().equals(name) && f.type() == FieldType.INT);
    }

    /** 0.05 → "p5", 0.5 → "p50". */
    static String key(double quantile) {
        return "p" + Math.round(quantile * 100);
    }
}
