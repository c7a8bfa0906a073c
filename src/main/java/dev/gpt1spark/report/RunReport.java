package dev.gpt1spark.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page from a run summary ({@code _gpt1_summary.json}): the run at a
 * glance, a histogram and quantiles per figure, value counts, throughput over the run, errors by
 * reason and the options. Inline CSS and SVG only: no script, no font, nothing fetched, so it opens
 * offline.
 */
public final class RunReport {
    private static final String STYLE =
            """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 24px auto; max-width: 1100px;
                   color: #1d1d1f; }
            h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 28px; }
            h3 { font-size: 15px; margin: 16px 0 4px; }
            table { border-collapse: collapse; margin: 6px 0; }
            td, th { border-bottom: 1px solid #ddd; padding: 3px 10px; text-align: left;
                     vertical-align: top; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; }
            .figure { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
            svg text { font-size: 11px; fill: #444; }
            rect.bar { fill: #3b6fb6; } .axis { stroke: #888; fill: none; }
            polyline { fill: none; stroke-width: 2; } polyline.rate { stroke: #3b6fb6; }
            polyline.average { stroke: #d9822b; stroke-dasharray: 4 3; }
            .note { color: #666; }
            """;

    private RunReport() {}

    /** The page for one summary. */
    public static String html(JsonNode summary) {
        String title =
                "gpt1 "
                        + summary.path("command").asText("?")
                        + ": "
                        + summary.path("output").asText("");
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>")
                .append(Html.escape(title))
                .append("</title>\n<style>")
                .append(STYLE)
                .append("</style>\n</head>\n<body>\n<h1>")
                .append(Html.escape(title))
                .append("</h1>\n");
        overview(out, summary);
        distributions(out, summary.path("distributions"));
        valueCounts(out, summary.path("value_counts"));
        throughput(out, summary.path("throughput"));
        errors(out, summary.path("errors_by_reason"));
        options(out, summary);
        return out.append("</body>\n</html>\n").toString();
    }

    private static void overview(StringBuilder out, JsonNode s) {
        out.append("<h2>Run</h2>\n<table class=\"overview\">\n");
        for (String key :
                List.of(
                        "command",
                        "model",
                        "model_fingerprint",
                        "precision",
                        "rows_in",
                        "rows_out",
                        "rows_with_error",
                        "chunks_resumed",
                        "rows_this_run",
                        "tokens_this_run",
                        "wall_s",
                        "tokens_per_s",
                        "spark_master",
                        "finished_at")) {
            if (s.has(key)) {
                row(out, key, s.get(key));
            }
        }
        if (s.has("labels")) {
            row(out, "labels", s.get("labels"));
        }
        out.append("</table>\n");
    }

    private static void distributions(StringBuilder out, JsonNode all) {
        if (!all.isObject() || all.isEmpty()) {
            return;
        }
        out.append("<h2>Per-document figures</h2>\n")
                .append("<p class=\"note\">Rows without an error; quantiles within 0.1 % of")
                .append(" rank.</p>\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue();
            out.append("<h3>").append(Html.escape(e.getKey())).append("</h3>\n");
            if (d.path("count").asLong() == 0) {
                out.append("<p class=\"note\">no values</p>\n");
                continue;
            }
            JsonNode h = d.path("histogram");
            out.append("<div class=\"figure\">\n");
            if (h.isObject()) {
                out.append(
                        Svg.histogram(
                                e.getKey(),
                                h.path("scale").asText(),
                                doubles(h.path("edges")),
                                longs(h.path("counts"))));
            }
            out.append("<table class=\"quantiles\">\n");
            row(out, "count", d.get("count"));
            row(out, "mean", d.get("mean"));
            row(out, "min", d.get("min"));
            for (Iterator<Map.Entry<String, JsonNode>> q = d.path("quantiles").fields();
                    q.hasNext(); ) {
                Map.Entry<String, JsonNode> p = q.next();
                row(out, p.getKey(), p.getValue());
            }
            row(out, "max", d.get("max"));
            out.append("</table>\n</div>\n");
            if ("log".equals(h.path("scale").asText())) {
                out.append("<p class=\"note\">bins even on a log scale</p>\n");
            }
        }
    }

    private static void valueCounts(StringBuilder out, JsonNode all) {
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isEmpty()) {
                continue;
            }
            out.append("<h2>")
                    .append(Html.escape(e.getKey()))
                    .append("</h2>\n")
                    .append(Svg.countBars(e.getKey(), counts(e.getValue())));
        }
    }

    /** Tokens/s between samples and the average since the start, over the run's seconds. */
    private static void throughput(StringBuilder out, JsonNode points) {
        out.append("<h2>Throughput over the run</h2>\n");
        if (!points.isArray() || points.size() < 2) {
            out.append("<p class=\"note\">too short a run to plot</p>\n");
            return;
        }
        List<double[]> rate = new ArrayList<>();
        List<double[]> average = new ArrayList<>();
        JsonNode previous = null;
        for (JsonNode p : points) {
            double t = p.path("t_s").asDouble();
            double tokens = p.path("tokens").asDouble();
            if (previous != null && t > previous.path("t_s").asDouble()) {
                double dt = t - previous.path("t_s").asDouble();
                rate.add(new double[] {t, (tokens - previous.path("tokens").asDouble()) / dt});
                average.add(new double[] {t, tokens / t});
            }
            previous = p;
        }
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        series.put("rate", rate);
        series.put("average", average);
        out.append(Svg.lines("throughput", "s", series))
                .append("<p class=\"note\">tokens/s: solid between samples, dashed the average")
                .append(" since the start. Counts move as tasks finish.</p>\n");
    }

    private static void errors(StringBuilder out, JsonNode reasons) {
        out.append("<h2>Errors by reason</h2>\n");
        if (!reasons.isObject() || reasons.isEmpty()) {
            out.append("<p class=\"note\">no rows with an error</p>\n");
            return;
        }
        out.append(Svg.countBars("errors", counts(reasons)));
    }

    private static void options(StringBuilder out, JsonNode s) {
        out.append("<h2>Options</h2>\n<table class=\"options\">\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("options").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row(out, e.getKey(), e.getValue());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = s.path("input").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            row(out, "input " + e.getKey(), e.getValue());
        }
        if (s.has("partitions")) {
            row(out, "partitions", s.get("partitions"));
        }
        out.append("</table>\n");
    }

    private static void row(StringBuilder out, String key, JsonNode value) {
        boolean number = value != null && value.isNumber();
        String text =
                value == null || value.isNull()
                        ? "-"
                        : number
                                ? Html.number(value.asDouble())
                                : value.isTextual() ? value.asText() : value.toString();
        out.append("<tr><th>")
                .append(Html.escape(key))
                .append(number ? "</th><td class=\"num\">" : "</th><td>")
                .append(Html.escape(text))
                .append("</td></tr>\n");
    }

    private static Map<String, Long> counts(JsonNode node) {
        Map<String, Long> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}
