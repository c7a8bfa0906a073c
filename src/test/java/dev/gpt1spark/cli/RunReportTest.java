package dev.gpt1spark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gpt1spark.testing.HeadlessChromium;
import dev.gpt1spark.testing.SharedFixtures;
import dev.gpt1spark.testing.SlowTier;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A score job's summary carries the distributions a user picks a threshold from, and {@code report}
 * turns it into one offline page that a real browser draws with one bar per bin.
 */
@SlowTier
class RunReportTest {
    private static final String MODEL = SharedFixtures.reference().resolve("tiny-hf").toString();
    private static final List<String> FIGURES =
            List.of("nll", "mean_nll", "perplexity", "n_tokens", "n_scored");
    private static final int DOCUMENTS = 60;
    private static final Pattern SVG =
            Pattern.compile(
                    "<svg class=\"(\\w+)\" data-name=\"([^\"]*)\".*?</svg>", Pattern.DOTALL);

    @TempDir static Path dir;
    private static Path out;
    private static JsonNode summary;
    private static Path page;

    @BeforeAll
    static void scoreThenReport() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            String words = "the whale and the sea ".repeat(1 + i % 9) + "chapter " + i;
            lines.add("{\"id\":\"d" + i + "\",\"text\":\"" + words + "\"}");
        }
        lines.add("{\"id\":\"null-1\",\"text\":null}");
        lines.add("{\"id\":\"null-2\"}");
        lines.add("{\"id\":\"blank\",\"text\":\"   \"}");
        Path corpus = dir.resolve("docs.jsonl");
        Files.write(corpus, lines);
        out = dir.resolve("scores");
        CliRun run =
                CliRun.of(
                        "score",
                        "--model",
                        MODEL,
                        "--input",
                        corpus.toString(),
                        "--output",
                        out.toString(),
                        "--partitions",
                        "3",
                        "--progress-interval",
                        "0");
        assertThat(run.exitCode()).as(run.err()).isZero();
        summary = run.lines().get(0);

        CliRun report = CliRun.of("report", out.toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        page = out.resolve(ReportCommand.REPORT_FILE);
        assertThat(report.out().trim()).isEqualTo(page.toString());
    }

    @Test
    void summaryHasQuantilesAndAHistogramOfEachFigure() {
        JsonNode all = summary.get("distributions");
        assertThat(iterable(all.fieldNames())).containsExactlyElementsOf(FIGURES);
        for (String figure : FIGURES) {
            JsonNode d = all.get(figure);
            assertThat(d.get("count").asLong()).as(figure).isEqualTo(DOCUMENTS);
            List<Double> q = new ArrayList<>();
            d.get("quantiles").forEach(v -> q.add(v.asDouble()));
            assertThat(iterable(d.get("quantiles").fieldNames()))
                    .containsExactly("p1", "p5", "p10", "p25", "p50", "p75", "p90", "p95", "p99");
            assertThat(q).as(figure).isSorted();
            assertThat(q.get(0)).isGreaterThanOrEqualTo(d.get("min").asDouble());
            assertThat(q.get(q.size() - 1)).isLessThanOrEqualTo(d.get("max").asDouble());

            JsonNode h = d.get("histogram");
            int bins = h.get("bins").asInt();
            assertThat(h.get("counts")).hasSize(bins);
            assertThat(h.get("edges")).hasSize(bins + 1);
            long binned = 0;
            for (JsonNode c : h.get("counts")) {
                binned += c.asLong();
            }
            assertThat(binned).as(figure).isEqualTo(DOCUMENTS);
            assertThat(h.get("edges").get(0).asDouble()).isEqualTo(d.get("min").asDouble());
        }
        assertThat(all.get("perplexity").get("histogram").get("scale").asText()).isEqualTo("log");
        assertThat(all.get("n_tokens").get("histogram").get("scale").asText()).isEqualTo("linear");
    }

    @Test
    void summaryFiguresAgreeWithTheOutputRows() {
        JsonNode tokens = summary.get("distributions").get("n_tokens");
        Row stats =
                Rows.query(
                        out.toString(),
                        rows ->
                                rows.filter("error is null")
                                        .agg(
                                                functions.min("n_tokens"),
                                                functions.max("n_tokens"),
                                                functions.expr("percentile(n_tokens, 0.5)"))
                                        .first());
        assertThat(tokens.get("min").asDouble()).isEqualTo(stats.getInt(0));
        assertThat(tokens.get("max").asDouble()).isEqualTo(stats.getInt(1));
        // 60 values and a 0.1 % rank error: approxQuantile returns one of the two middle values.
        assertThat(tokens.get("quantiles").get("p50").asDouble())
                .isCloseTo(stats.getDouble(2), org.assertj.core.data.Offset.offset(9.0));
    }

    @Test
    void summaryCountsErrorsByReasonAndTracesThroughput() {
        JsonNode reasons = summary.get("errors_by_reason");
        assertThat(reasons.get("text is null").asLong()).isEqualTo(2);
        assertThat(reasons.get("empty after tokenization").asLong()).isEqualTo(1);
        assertThat(reasons.size()).isEqualTo(2);

        JsonNode points = summary.get("throughput");
        JsonNode last = points.get(points.size() - 1);
        assertThat(last.get("rows").asLong()).isEqualTo(summary.get("rows_this_run").asLong());
        assertThat(last.get("tokens").asLong()).isEqualTo(summary.get("tokens_this_run").asLong());
        List<Double> times = new ArrayList<>();
        points.forEach(p -> times.add(p.get("t_s").asDouble()));
        assertThat(times).isSorted();
    }

    @Test
    void pageNeedsNothingFromTheNetwork() throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        for (String fetches :
                List.of("http:", "https:", "<script", "src=", "href=", "url(", "@import")) {
            assertThat(html).doesNotContainIgnoringCase(fetches);
        }
        assertThat(html).contains("<svg class=\"histogram\" data-name=\"perplexity\"");
    }

    @Test
    void chromiumDrawsOneBarPerBinAndPerErrorReason() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        String dom = chromium.dumpDom(page);

        int histograms = 0;
        Matcher svg = SVG.matcher(dom);
        while (svg.find()) {
            int bars = count(svg.group(), "<rect class=\"bar\"");
            String name = svg.group(2);
            switch (svg.group(1)) {
                case "histogram" -> {
                    histograms++;
                    JsonNode h = summary.get("distributions").get(name).get("histogram");
                    assertThat(bars).as(name).isEqualTo(h.get("bins").asInt());
                }
                case "counts" ->
                        assertThat(bars).as(name).isEqualTo(summary.get("errors_by_reason").size());
                case "lines" -> assertThat(svg.group()).contains("<polyline class=\"rate\"");
                default -> throw new AssertionError("unexpected chart " + svg.group(1));
            }
        }
        assertThat(histograms).isEqualTo(FIGURES.size());
        assertThat(dom).contains("<h1>gpt1 score: " + out + "</h1>");
        assertThat(dom).contains("text is null");
    }

    @Test
    void chromiumPaintsTheBars() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(dir);
        BufferedImage image = ImageIO.read(chromium.screenshot(page, 1200, 4000).toFile());
        long barPixels = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                barPixels += rgb == 0x3B6FB6 ? 1 : 0;
            }
        }
        // Five histograms of 454 x 162 plot area: their tallest bars alone cover far more.
        assertThat(barPixels).isGreaterThan(5_000);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
