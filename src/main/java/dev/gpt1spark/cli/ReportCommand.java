package dev.gpt1spark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.report.RunReport;
import dev.gpt1spark.spark.JobRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a job's run report: one self-contained HTML page (histograms and quantiles of"
                    + " the per-document figures, throughput over the run, errors by reason, the"
                    + " options) drawn from OUT/_gpt1_summary.json. It opens offline in any"
                    + " browser."
        })
final class ReportCommand implements Callable<Integer> {
    /** Beside the summary, where Spark's readers skip it (leading underscore). */
    static final String REPORT_FILE = "_gpt1_report.html";

    @Spec CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "OUT",
            description = "A job's output folder (any Hadoop path).")
    String output;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Where to write the page (default: OUT/" + REPORT_FILE + ").")
    String html;

    @Override
    public Integer call() throws IOException {
        Path summaryPath = new Path(output, JobRunner.SUMMARY_FILE);
        Configuration conf = new Configuration();
        FileSystem fs = summaryPath.getFileSystem(conf);
        if (!fs.exists(summaryPath)) {
            throw new IllegalArgumentException(
                    summaryPath + " not found: report reads the summary a finished job writes");
        }
        JsonNode summary;
        try (InputStream in = fs.open(summaryPath)) {
            summary = new ObjectMapper().readTree(in);
        }
        Path target = html == null ? new Path(output, REPORT_FILE) : new Path(html);
        try (OutputStream out = target.getFileSystem(conf).create(target, true)) {
            out.write(RunReport.html(summary).getBytes(StandardCharsets.UTF_8));
        }
        spec.commandLine().getOut().println(target);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
