package dev.gpt1spark.cli;

import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.spark.JobSettings;
import dev.gpt1spark.spark.OutputMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that turn a command into a Spark job over a corpus. */
final class SparkJobOptions {
    @Spec(Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description =
                    "Spark master (local[N], spark://…, yarn, k8s://…): the job goes through"
                            + " spark-submit ($SPARK_HOME/bin/spark-submit, else Spark's own from this"
                            + " classpath). Without it, an embedded local[*] Spark runs the job.")
    String master;

    @Option(
            names = "--deploy-mode",
            paramLabel = "client|cluster",
            description =
                    "With --master: where the driver runs, as spark-submit's --deploy-mode"
                            + " (default: client, on this machine). In cluster mode --model,"
                            + " --input and --output must be reachable from the cluster's hosts.")
    String deployMode;

    @Option(
            names = "--job-jar",
            paramLabel = "URI",
            description =
                    "With --master: the job jar to submit (default: this checkout's"
                            + " target/gpt1-spark-job.jar). A URI ending in .jar is used as it is; any"
                            + " other names a folder (hdfs://, s3a://) this checkout's jar is uploaded"
                            + " to once, named by its content. Needed in cluster deploy mode unless"
                            + " every host has this checkout at the same path.")
    String jobJar;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            description = "The Spark application's name (default: gpt1 COMMAND).")
    String name;

    @Option(
            names = "--jars",
            paramLabel = "A.jar,B.jar",
            description =
                    "With --master: extra jars for the driver and executors (spark-submit's).")
    String jars;

    @Option(
            names = "--packages",
            paramLabel = "G:A:V,…",
            description =
                    "With --master: Maven coordinates spark-submit resolves (spark-submit's).")
    String packages;

    @Option(
            names = "--files",
            paramLabel = "A,B",
            description = "With --master: files shipped to the executors (spark-submit's).")
    String files;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Option(
            names = "--job",
            paramLabel = "FILE",
            description =
                    "A job file (see jobs/): `key = value` lines with the same keys as these"
                            + " options (without --) and spark.* settings. Command line > job file >"
                            + " defaults.")
    Path jobFile;

    /** spark-submit's own arguments that these options carry, besides --master. */
    List<String> submitArguments() {
        List<String> args = new ArrayList<>();
        if (deployMode != null) {
            args.addAll(List.of("--deploy-mode", deployMode));
        }
        if (name != null) {
            args.addAll(List.of("--name", name));
        }
        if (jars != null) {
            args.addAll(List.of("--jars", jars));
        }
        if (packages != null) {
            args.addAll(List.of("--packages", packages));
        }
        if (files != null) {
            args.addAll(List.of("--files", files));
        }
        return args;
    }

    boolean isJob() {
        return input() != null || inputTable() != null;
    }

    String input() {
        return SettingOptions.value(mixee, JobSettings.INPUT);
    }

    String inputTable() {
        return SettingOptions.value(mixee, JobSettings.INPUT_TABLE);
    }

    String output() {
        return SettingOptions.value(mixee, JobSettings.OUTPUT);
    }

    String outputTable() {
        return SettingOptions.value(mixee, JobSettings.OUTPUT_TABLE);
    }

    /** What to do when the output exists ({@code --mode}); append only for a table. */
    OutputMode mode() {
        return OutputMode.parse(
                SettingOptions.value(mixee, JobSettings.MODE), outputTable() != null);
    }

    int partitions() {
        return SettingOptions.value(mixee, JobSettings.PARTITIONS);
    }

    int progressSeconds() {
        return SettingOptions.value(mixee, JobSettings.PROGRESS_INTERVAL);
    }

    /** The corpus these options name. */
    InputSpec inputSpec() {
        if (input() != null && inputTable() != null) {
            throw new SettingException(
                    "give ", JobSettings.INPUT, " or ", JobSettings.INPUT_TABLE, ", not both");
        }
        InputSpec spec =
                (inputTable() != null
                                ? CorpusColumns.spec(mixee, inputTable())
                                        .withFormat(InputSpec.TABLE)
                                : CorpusColumns.spec(mixee, input()))
                        .withOptions(
                                JobSettings.pairs(
                                        SettingOptions.value(mixee, JobSettings.INPUT_OPTION)));
        List<String> keepCols = SettingOptions.value(mixee, JobSettings.KEEP_COLS);
        return keepCols.isEmpty() ? spec : spec.withKeepCols(keepCols);
    }

    /** The output files' format ({@code --output-format}). */
    String outputFormat() {
        return SettingOptions.value(mixee, JobSettings.OUTPUT_FORMAT);
    }

    /** Spark writer options for the output ({@code --output-option}). */
    Map<String, String> outputOptions() {
        return JobSettings.pairs(SettingOptions.value(mixee, JobSettings.OUTPUT_OPTION));
    }
}
