package dev.gpt1spark.cli;

import dev.gpt1spark.spark.InputSpec;
import dev.gpt1spark.spark.JobSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that turn a command into a Spark job over a corpus. */
final class SparkJobOptions {
    @Spec(Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Option(
            names = "--input",
            paramLabel = "PATH",
            description =
                    "Run as a Spark job over this corpus: a file, folder or glob on any Hadoop file"
                            + " system (file://, hdfs://, s3a://); several separated by commas.")
    String input;

    @Option(
            names = "--input-table",
            paramLabel = "NAME",
            description =
                    "Run as a Spark job over this catalog table (catalog.db.table: Apache Iceberg"
                            + " or the session catalog) instead of --input; it needs an id column.")
    String inputTable;

    @Mixin CorpusColumnsOptions columns;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Output folder of the job (Parquet files unless --output-format).")
    String output;

    @Option(
            names = "--output-table",
            paramLabel = "NAME",
            description =
                    "Publish the rows to this catalog table (catalog.db.table: Apache Iceberg or"
                            + " the session catalog) once every chunk is done; --output is then the"
                            + " staging folder (default: under spark.sql.warehouse.dir).")
    String outputTable;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "error|overwrite|resume|append",
            description =
                    "When the output exists: refuse, replace it, or finish an interrupted run of"
                            + " the same job; append adds rows to an --output-table (default:"
                            + " ${DEFAULT-VALUE}).")
    String mode;

    @Option(
            names = "--keep-cols",
            split = ",",
            paramLabel = "A,B,…",
            description = "Input columns copied to the output.")
    List<String> keepCols;

    @Option(
            names = "--partitions",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Chunks of the job: Spark partitions and output files, the unit of retry and"
                            + " resume (default: from the input size and the cluster's cores).")
    int partitions;

    @Option(
            names = "--progress-interval",
            defaultValue = "10",
            paramLabel = "SECONDS",
            description = "Seconds between progress lines; 0 for none (default: ${DEFAULT-VALUE}).")
    int progressSeconds;

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
        return input != null || inputTable != null;
    }

    /** The corpus these options name. */
    InputSpec inputSpec() {
        if (input != null && inputTable != null) {
            throw new IllegalArgumentException("give --input or --input-table, not both");
        }
        InputSpec spec =
                (inputTable != null
                                ? columns.spec(inputTable).withFormat(InputSpec.TABLE)
                                : columns.spec(input))
                        .withOptions(
                                JobSettings.pairs(
                                        SettingOptions.value(mixee, JobSettings.INPUT_OPTION)));
        return keepCols == null ? spec : spec.withKeepCols(keepCols);
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
