package dev.gpt1spark.spark;

import java.io.Serializable;

/**
 * How many rows one file split yielded in one Spark partition (the first pass of id generation).
 *
 * @param partition the partition that read the split
 * @param file the file, as Spark's {@code _metadata.file_path}
 * @param blockStart the split's first byte in the file ({@code _metadata.file_block_start})
 * @param rows the rows read from it
 */
record SplitRows(int partition, String file, long blockStart, long rows) implements Serializable {
    boolean sameSplit(String otherFile, long otherBlockStart) {
        return blockStart == otherBlockStart && file.equals(otherFile);
    }
}
