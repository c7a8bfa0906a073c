package dev.gpt1spark.cli;

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
        description = "Prints the schema, row count and first rows of a job's Parquet output.")
final class ShowCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "DIR",
            description = "A Parquet folder or file.")
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
            Dataset<Row> rows = spark.read().parquet(input);
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
