package dev.gpt1spark.spark;

/**
 * Names of the columns the corpus reader adds for the jobs; they never reach the output.
 *
 * <p>The double underscore keeps them apart from the user's columns, which may not be kept under
 * these names.
 */
public final class InternalColumns {
    /** The document's text (string, null when the row has no usable text). */
    public static final String TEXT = "__text";

    /** The second text of a pair (string), present only when {@link InputSpec#text2Col} is set. */
    public static final String TEXT2 = "__text2";

    /** Why the input row cannot be processed (string, null when it can). */
    public static final String INPUT_ERROR = "__input_error";

    /** Spark's raw line for a record it could not parse (JSON and CSV only). */
    static final String CORRUPT_RECORD = "__corrupt_record";

    /** Why the source could not read a record (JSON and CSV only; null when it could). */
    static final String SOURCE_ERROR = "__source_error";

    /** The id column as the input has it, beside the place-based id of rows without one. */
    static final String SOURCE_ID = "__source_id";

    /** The file a row came from, as Spark's {@code _metadata.file_path} URI. */
    static final String FILE_PATH = "__file_path";

    /** The byte offset of the file split a row came from ({@code _metadata.file_block_start}). */
    static final String BLOCK_START = "__block_start";

    private InternalColumns() {}
}
