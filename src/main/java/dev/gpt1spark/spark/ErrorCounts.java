package dev.gpt1spark.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/** Rows with an error, counted by reason (the error text), most frequent first. */
final class ErrorCounts {
    private ErrorCounts() {}

    static Map<String, Long> byReason(Dataset<Row> output) {
        Map<String, Long> counts = new LinkedHashMap<>();
        output.filter(functions.col(OutputColumns.ERROR).isNotNull())
                .groupBy(OutputColumns.ERROR)
                .count()
                .orderBy(functions.desc("count"), functions.asc(OutputColumns.ERROR))
                .collectAsList()
                .forEach(r -> counts.put(r.getString(0), r.getLong(1)));
        return counts;
    }
}
