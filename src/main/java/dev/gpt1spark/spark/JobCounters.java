package dev.gpt1spark.spark;

import java.io.Serializable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;

/** Rows, errors and tokens counted by the tasks, for the progress line and the run summary. */
public final class JobCounters implements Serializable {
    private static final long serialVersionUID = 1L;

    final LongAccumulator rows;
    final LongAccumulator errors;
    final LongAccumulator tokens;

    public JobCounters(SparkSession spark) {
        this.rows = spark.sparkContext().longAccumulator("gpt1 rows");
        this.errors = spark.sparkContext().longAccumulator("gpt1 rows with error");
        this.tokens = spark.sparkContext().longAccumulator("gpt1 tokens");
    }

    public long rows() {
        return rows.value();
    }

    public long errors() {
        return errors.value();
    }

    public long tokens() {
        return tokens.value();
    }
}
