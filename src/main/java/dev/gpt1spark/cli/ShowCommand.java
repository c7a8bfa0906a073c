package dev.gpt1spark.cli;

import dev.gpt1spark.spark.JobOutput;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description =
                "Prints the schema, row count and first rows of a job's output (in the format"
                        + " the job wrote) or of any Parquet folder.")
final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR",
            description = "A job's output folder, or a Parquet folder or file.")
    String input;

    @Option(
            names = "--limit",
            defaultValue = "10",
            paramLabel = "N",
            description = "Rows to print (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        SparkSession spark =
                SparkSession.builder()
                        .master("local[1]")
                        .appName("gpt1 show")
                        .config("spark.ui.enabled", "false")
                        .getOrCreate();
        try {
            Dataset<Row> rows = JobOutput.read(spark, input);
            var out = spec.commandLine().getOut();
            out.println(rows.schema().treeString());
            out.println(rows.count() + " rows");
            out.flush();
            rows.show(limit, 60, false); // Spark prints the table on standard output
            return 0;
        } finally {
            spark.stop();
        }
    }
}
