package dev.gpt1spark.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents and tokens done at points of a run, for the summary's throughput over time. At most
 * {@link #MAX} points whatever the run's length: when full, every other point is dropped and points
 * are then taken half as often.
 */
final class ThroughputSamples {
    static final int MAX = 200;

    private final List<double[]> points = new ArrayList<>(); // {seconds, rows, tokens}
    private int stride = 1;
    private long offered;

    /** Offers a point; kept when it falls on the current stride. */
    synchronized void add(double seconds, long rows, long tokens) {
        if (offered++ % stride != 0) {
            return;
        }
        points.add(new double[] {seconds, rows, tokens});
        if (points.size() == MAX) {
            List<double[]> kept = new ArrayList<>();
            for (int i = 0; i < points.size(); i += 2) {
                kept.add(points.get(i));
            }
            points.clear();
            points.addAll(kept);
            stride *= 2;
        }
    }

    /** The points as {t_s, rows, tokens} objects, oldest first, and the end of the run last. */
    synchronized List<Map<String, Object>> toList(double endSeconds, long rows, long tokens) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (double[] p : points) {
            out.add(point(p[0], (long) p[1], (long) p[2]));
        }
        out.add(point(endSeconds, rows, tokens));
        return out;
    }

    private static Map<String, Object> point(double seconds, long rows, long tokens) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("t_s", Math.round(seconds * 10) / 10.0);
        p.put("rows", rows);
        p.put("tokens", tokens);
        return p;
    }
}
