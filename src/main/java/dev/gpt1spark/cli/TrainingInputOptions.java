package dev.gpt1spark.cli;

import dev.gpt1spark.spark.InputSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where training data comes from: read by an embedded local Spark (any format and Hadoop path the
 * jobs read), then collected to this process, where the training loop runs.
 */
final class TrainingInputOptions {
    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description =
                    "Training corpus: a file, folder or glob on any Hadoop file system (file://,"
                            + " hdfs://, s3a://); several separated by commas.")
    String input;

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting for reading the input (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    InputSpec spec() {
        return CorpusColumns.spec(mixee, input);
    }

    /** Runs {@code read} on an embedded local[*] Spark, stopped afterwards. */
    <T> T read(String appName, Function<SparkSession, T> read) {
        SparkSession spark = EmbeddedSpark.start(appName, SparkSettings.layered(Map.of(), conf));
        try {
            return read.apply(spark);
        } finally {
            spark.stop();
        }
    }
}
