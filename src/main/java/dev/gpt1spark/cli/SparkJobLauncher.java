package dev.gpt1spark.cli;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.spark.JobFailure;
import dev.gpt1spark.spark.JobOptions;
import dev.gpt1spark.spark.JobRunner;
import dev.gpt1spark.spark.OutputColumns;
import dev.gpt1spark.task.TaskSpec;
import java.io.PrintWriter;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a command as a Spark job: in this JVM on an embedded local[*] Spark, or, with --master,
 * through spark-submit (which starts this main again, now inside the submitted application).
 */
final class SparkJobLauncher {
    /** The exit code of a job ended by SIGINT, as shells report a process it ended. */
    static final int INTERRUPTED = 130;

    private SparkJobLauncher() {}

    static int run(
            TaskSpec spec,
            String model,
            Integer nHead,
            Precision precision,
            int batchDocs,
            InputSpec input,
            SparkJobOptions o,
            Gpt1Cli cli,
            PrintWriter out,
            PrintWriter err) {
        // before Spark or spark-submit starts; JobOptions checks it again for every caller
        OutputColumns.checkKept(OutputColumns.of(spec.kind()), input.keepCols());
        if (o.output() == null && o.outputTable() == null) {
            throw new IllegalArgumentException(
                    "a Spark job (--input) needs --output DIR (or --output-table NAME)");
        }
        Map<String, String> conf = SparkSettings.layered(cli.jobFileSparkConf(), o.conf);
        boolean submitted = System.getProperty("spark.submit.deployMode") != null;
        if (o.master != null && !submitted) {
            return SparkSubmitProcess.run(o, conf, cli.args(), out, err);
        }
        String appName = o.name != null ? o.name : "gpt1 " + spec.command();
        LastWords lastWords = LastWords.hold();
        try {
            return run(spec, model, nHead, precision, batchDocs, input, o, conf, appName, out, err);
        } catch (JobFailure.Interrupted e) {
            err.println("gpt1 " + spec.command() + ": " + e.message(Spelling.FLAG));
            err.flush();
            return INTERRUPTED;
        } finally {
            lastWords.close();
        }
    }

    private static int run(
            TaskSpec spec,
            String model,
            Integer nHead,
            Precision precision,
            int batchDocs,
            InputSpec input,
            SparkJobOptions o,
            Map<String, String> conf,
            String appName,
            PrintWriter out,
            PrintWriter err) {
        // the settings' own checks (mode, output format, kept columns) refuse before Spark starts
        JobOptions job =
                new JobOptions(
                        spec,
                        model,
                        nHead,
                        precision,
                        input,
                        o.output(),
                        o.mode(),
                        o.partitions(),
                        batchDocs,
                        o.progressSeconds(),
                        o.outputTable(),
                        o.outputFormat(),
                        o.outputOptions());
        boolean submitted = System.getProperty("spark.submit.deployMode") != null;
        SparkSession spark =
                submitted
                        ? SparkSession.builder().getOrCreate()
                        : EmbeddedSpark.start(appName, conf);
        try {
            Map<String, Object> summary = JobRunner.run(spark, job);
            out.println(Json.line(summary));
            err.printf(
                    "gpt1 %s: %,d rows in, %,d rows out (%,d with error) in %s s, %,d tokens/s; wrote %s%n",
                    spec.command(),
                    summary.get("rows_in"),
                    summary.get("rows_out"),
                    summary.get("rows_with_error"),
                    summary.get("wall_s"),
                    summary.get("tokens_per_s"),
                    o.outputTable() != null ? "table " + o.outputTable() : o.output());
            return 0;
        } finally {
            if (!submitted) {
                spark.stop();
            }
        }
    }
}
