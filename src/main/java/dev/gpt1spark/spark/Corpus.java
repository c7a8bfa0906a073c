package dev.gpt1spark.spark;

import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A corpus as the jobs see it, and its size when reading it required counting anyway.
 *
 * @param rows {@code id}, the kept columns, {@link InternalColumns#TEXT}, {@link
 *     InternalColumns#TEXT2} when the spec names a second text column, and {@link
 *     InternalColumns#INPUT_ERROR}, one row per input record
 * @param rowCount the number of rows, present when ids were generated (which counts them); a job
 *     that needs it otherwise calls {@code rows.count()}
 */
public record Corpus(Dataset<Row> rows, OptionalLong rowCount) {}
