package dev.gpt1spark.spark;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Bins over [min, max] and the count of values in each: bin i holds edges[i] <= x < edges[i+1], the
 * last one also its right edge (Spark's {@code histogram}).
 *
 * @param scale "linear" or "log" (edges evenly spaced in log x)
 * @param edges bins + 1 increasing values
 * @param counts one count per bin, or null before {@link #count}
 */
record Histogram(String scale, double[] edges, long[] counts) {

    /** Even bins; whole numbers get whole-number widths, so no bin is empty by construction. */
    static Histogram linear(double min, double max, int bins, boolean whole) {
        if (min == max) {
            return new Histogram("linear", new double[] {min, max}, null);
        }
        int n = bins;
        double width = (max - min) / bins;
        if (whole) {
            width = Math.max(1, Math.ceil((max - min + 1) / bins));
            n = (int) Math.ceil((max - min + 1) / width);
        }
        double[] edges = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            edges[i] = min + i * width;
        }
        if (!whole) {
            edges[n] = max; // not min + n * width, which rounding can put below max
        }
        return new Histogram("linear", edges, null);
    }

    /** Bins evenly spaced in log x, for figures spread over orders of magnitude; min > 0. */
    static Histogram logScale(double min, double max, int bins) {
        if (min == max) {
            return new Histogram("log", new double[] {min, max}, null);
        }
        double lo = Math.log(min);
        double step = (Math.log(max) - lo) / bins;
        double[] edges = new double[bins + 1];
        for (int i = 0; i <= bins; i++) {
            edges[i] = Math.exp(lo + i * step);
        }
        edges[0] = min;
        edges[bins] = max;
        return new Histogram("log", edges, null);
    }

    /** These bins with the counts of the column's non-null values. */
    Histogram count(Dataset<Row> output, String column) {
        Dataset<Row> values = output.select(functions.col(column).cast("double")).na().drop();
        if (edges[0] == edges[edges.length - 1]) {
            return new Histogram(scale, edges, new long[] {values.count()});
        }
        long[] counts = values.javaRDD().mapToDouble(r -> r.getDouble(0)).histogram(edges);
        return new Histogram(scale, edges, counts);
    }

    /** The summary's JSON form. */
    Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scale", scale);
        out.put("bins", counts.length);
        out.put("edges", Arrays.stream(edges).boxed().toList());
        out.put("counts", Arrays.stream(counts).boxed().toList());
        return out;
    }
}
