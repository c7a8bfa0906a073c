package dev.gpt1spark.spark;

import org.apache.spark.sql.SparkSession;

/** Names a job's Spark jobs in the Spark UI: command, model and input. */
final class JobName {
    private JobName() {}

    static void set(SparkSession spark, JobOptions options) {
        String command = options.spec().command();
        String description =
                "gpt1 "
                        + command
                        + (options.model() == null ? "" : " model " + options.model())
                        + " input "
                        + options.input().path()
                        + " output "
                        + options.output();
        spark.sparkContext().setJobGroup("gpt1-" + command, description, false);
    }

    /** The session may run other work after the job (tests, notebooks): forget the name. */
    static void clear(SparkSession spark) {
        spark.sparkContext().clearJobGroup();
    }
}
