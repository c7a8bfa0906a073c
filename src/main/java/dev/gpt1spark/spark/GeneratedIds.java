package dev.gpt1spark.spark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Gives every row the id {@code <file>:<n>}: the file's path below the folder all input files
 * share, and the row's 1-based number among the rows Spark's reader yields for that file.
 *
 * <p>Two passes over one scan. The first counts the rows of each file split (file, start byte) and
 * brings the counts to the driver, which works out how many rows of the same file come before each
 * split. The second numbers the rows of each split from there. It relies on Spark's file sources
 * reading each split whole, in file order, inside one partition, which they do.
 *
 * <p>Both passes run on the same RDD, so they read the same splits even if the session's split
 * settings change in between; the second pass checks each split's row count against the first and
 * fails the job ({@link IllegalStateException}) if a file changed while it was read.
 */
final class GeneratedIds {
    private GeneratedIds() {}

    /**
     * Numbered rows.
     *
     * @param rows rows of the output schema, id first
     * @param count their number
     * @param fileNames each file's URI (as Spark's {@code _metadata.file_path}) → its name in ids
     */
    record Numbered(Dataset<Row> rows, long count, Map<String, String> fileNames) {}

    /**
     * Numbers {@code prepared}, whose rows are (file path, split start, the output columns after
     * id), and returns rows of {@code output} (id first) with their count.
     */
    static Numbered number(SparkSession spark, Dataset<Row> prepared, StructType output) {
        // One RDD: its partitions (the file splits) are planned once and shared by both passes.
        JavaRDD<Row> scan = prepared.javaRDD();
        List<SplitRows> counted = scan.mapPartitionsWithIndex(new SplitCounter(), false).collect();
        Map<Integer, List<SplitPlan>> plans = plan(counted);
        long total = counted.stream().mapToLong(SplitRows::rows).sum();
        JavaRDD<Row> numbered = scan.mapPartitionsWithIndex(new RowNumberer(plans), true);
        Map<String, String> names =
                FileNames.relativeToCommonParent(
                        counted.stream().map(SplitRows::file).distinct().toList());
        return new Numbered(spark.createDataFrame(numbered, output), total, names);
    }

    /**
     * Per partition, its splits in reading order, each with the rows of its file that come before
     * it (splits of one file ordered by start byte) and the file's name in ids.
     *
     * @throws IllegalArgumentException when a split was read twice, which happens when input paths
     *     overlap and would give two rows one id
     */
    static Map<Integer, List<SplitPlan>> plan(List<SplitRows> counted) {
        Map<String, List<SplitRows>> byFile = new HashMap<>();
        for (SplitRows s : counted) {
            byFile.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s);
        }
        Map<String, String> names = FileNames.relativeToCommonParent(byFile.keySet());
        Map<SplitRows, Long> before = new HashMap<>();
        for (List<SplitRows> splits : byFile.values()) {
            splits.sort(Comparator.comparingLong(SplitRows::blockStart));
            long rows = 0;
            for (int i = 0; i < splits.size(); i++) {
                SplitRows s = splits.get(i);
                if (i > 0 && splits.get(i - 1).blockStart() == s.blockStart()) {
                    throw new IllegalArgumentException(
                            "input file \""
                                    + s.file()
                                    + "\" is read twice; make sure the input paths do not"
                                    + " overlap");
                }
                before.put(s, rows);
                rows += s.rows();
            }
        }
        Map<Integer, List<SplitPlan>> plans = new HashMap<>();
        for (SplitRows s : counted) { // counted keeps each partition's reading order
            plans.computeIfAbsent(s.partition(), p -> new ArrayList<>())
                    .add(new SplitPlan(s, before.get(s), names.get(s.file())));
        }
        return plans;
    }
}
