package dev.gpt1spark.report;

import java.util.List;
import java.util.Map;

/**
 * The report's charts as inline SVG: a histogram, horizontal count bars and a line over time. Every
 * drawn bar is a {@code rect} of class {@code bar} with a {@code title} (its figures on hover), so
 * what is drawn can be counted.
 */
final class Svg {
    private static final int WIDTH = 520;
    private static final int HEIGHT = 200;
    private static final int LEFT = 56;
    private static final int BOTTOM = 28;
    private static final int TOP = 10;

    private Svg() {}

    /**
     * One bar per bin, all the same width (log-scale bins are even in log x).
     *
     * @param edges bins + 1 increasing values
     * @param counts one per bin
     */
    static String histogram(String field, String scale, double[] edges, long[] counts) {
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        double plotW = WIDTH - LEFT - 10.0;
        double plotH = HEIGHT - BOTTOM - TOP;
        double barW = plotW / counts.length;
        StringBuilder out = open("histogram", field);
        for (int i = 0; i < counts.length; i++) {
            double h = plotH * counts[i] / max;
            out.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                                    + " height=\"%.1f\"><title>%s to %s: %d</title></rect>%n",
                            LEFT + i * barW,
                            TOP + plotH - h,
                            Math.max(barW - 1, 0.5),
                            h,
                            Html.number(edges[i]),
                            Html.number(edges[i + 1]),
                            counts[i]));
        }
        axes(out, plotH);
        label(out, LEFT, HEIGHT - 8, "start", Html.number(edges[0]));
        label(out, LEFT + plotW / 2, HEIGHT - 8, "middle", Html.number(middle(scale, edges)));
        label(out, LEFT + plotW, HEIGHT - 8, "end", Html.number(edges[edges.length - 1]));
        label(out, LEFT - 4, TOP + 10, "end", Html.number(max));
        label(out, LEFT - 4, TOP + plotH, "end", "0");
        return close(out);
    }

    /** One horizontal bar per value, longest for the most frequent. */
    static String countBars(String name, Map<String, Long> counts) {
        long max = 1;
        for (long c : counts.values()) {
            max = Math.max(max, c);
        }
        int rowH = 22;
        int labelW = 200;
        double plotW = WIDTH - labelW - 60.0;
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        "<svg class=\"counts\" data-name=\"%s\" width=\"%d\" height=\"%d\""
                                + " viewBox=\"0 0 %d %d\" role=\"img\">%n",
                        Html.escape(name),
                        WIDTH,
                        rowH * counts.size() + 4,
                        WIDTH,
                        rowH * counts.size() + 4));
        int row = 0;
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            double w = plotW * e.getValue() / max;
            int y = row * rowH + 2;
            String shown =
                    e.getKey().length() > 32 ? e.getKey().substring(0, 31) + "…" : e.getKey();
            label(out, labelW - 6, y + 15, "end", shown);
            out.append(
                    String.format(
                            java.util.Locale.ROOT,
                            "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\">"
                                    + "<title>%s: %d</title></rect>%n",
                            labelW,
                            y,
                            Math.max(w, 0.5),
                            rowH - 6,
                            Html.escape(e.getKey()),
                            e.getValue()));
            label(out, labelW + w + 4, y + 15, "start", Html.number(e.getValue()));
            row++;
        }
        return close(out);
    }

    /**
     * Lines of y over x, each a {@code polyline} of the given class, on shared axes from 0.
     *
     * @param series class name and {x, y} points, in x order
     */
    static String lines(String name, String xLabel, Map<String, List<double[]>> series) {
        double maxX = 1e-9;
        double maxY = 1e-9;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double plotW = WIDTH - LEFT - 10.0;
        double plotH = HEIGHT - BOTTOM - TOP;
        StringBuilder out = open("lines", name);
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            StringBuilder points = new StringBuilder();
            for (double[] p : s.getValue()) {
                points.append(
                        String.format(
                                java.util.Locale.ROOT,
                                "%.1f,%.1f ",
                                LEFT + plotW * p[0] / maxX,
                                TOP + plotH - plotH * p[1] / maxY));
            }
            out.append(
                    String.format(
                            "<polyline class=\"%s\" points=\"%s\"/>%n",
                            Html.escape(s.getKey()), points.toString().trim()));
        }
        axes(out, plotH);
        label(out, LEFT, HEIGHT - 8, "start", "0");
        label(out, LEFT + plotW, HEIGHT - 8, "end", Html.number(maxX) + " " + xLabel);
        label(out, LEFT - 4, TOP + 10, "end", Html.number(maxY));
        label(out, LEFT - 4, TOP + plotH, "end", "0");
        return close(out);
    }

    /** The value under the middle of the x axis: the geometric middle on a log scale. */
    private static double middle(String scale, double[] edges) {
        double a = edges[0];
        double b = edges[edges.length - 1];
        return "log".equals(scale) ? Math.sqrt(a * b) : (a + b) / 2;
    }

    private static StringBuilder open(String kind, String name) {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(
                        "<svg class=\"%s\" data-name=\"%s\" width=\"%d\" height=\"%d\""
                                + " viewBox=\"0 0 %d %d\" role=\"img\">%n",
                        kind, Html.escape(name), WIDTH, HEIGHT, WIDTH, HEIGHT));
        return out;
    }

    private static void axes(StringBuilder out, double plotH) {
        out.append(
                String.format(
                        java.util.Locale.ROOT,
                        "<path class=\"axis\" d=\"M%d %d V%.1f H%d\"/>%n",
                        LEFT,
                        TOP,
                        TOP + plotH,
                        WIDTH - 10));
    }

    private static void label(StringBuilder out, double x, double y, String anchor, String text) {
        out.append(
                String.format(
                        java.util.Locale.ROOT,
                        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                        x,
                        y,
                        anchor,
                        Html.escape(text)));
    }

    private static String close(StringBuilder out) {
        return out.append("</svg>\n").toString();
    }
}
