package dev.gpt1spark.cli;

import dev.gpt1spark.spark.InputSpec;
import java.nio.file.Path;
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

    @Mixin CorpusColumnsOptions columns;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "Parquet output folder of the job.")
    String output;

    @Option(
            names = "--mode",
            defaultValue = "error",
            paramLabel = "error|overwrite|resume",
            description =
                    "When the output exists: refuse, replace it, or finish an interrupted run of"
                            + " the same job (default: ${DEFAULT-VALUE}).")
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

    boolean isJob() {
        return input != null;
    }

    /** The corpus these options name. */
    InputSpec inputSpec() {
        InputSpec spec = columns.spec(input);
        return keepCols == null ? spec : spec.withKeepCols(keepCols);
    }
}
