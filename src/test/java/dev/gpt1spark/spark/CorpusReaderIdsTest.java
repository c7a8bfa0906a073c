package dev.gpt1spark.spark;

import static dev.gpt1spark.spark.CorpusFiles.textById;
import static dev.gpt1spark.spark.CorpusFiles.write;
import static dev.gpt1spark.spark.CorpusFiles.writeGzip;
import static dev.gpt1spark.spark.CorpusFiles.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Generated ids: {@code <file>:<n>}, the same whatever the partitioning. */
class CorpusReaderIdsTest extends SparkTestBase {
    private static final String MAX_PARTITION_BYTES = "spark.sql.files.maxPartitionBytes";
    private static final String OPEN_COST = "spark.sql.files.openCostInBytes";

    @TempDir Path dir;

    /** 120 lines per file, "<file> line <n>", so every id's text says what it must be. */
    private Map<String, String> writeTextCorpus(String... names) {
        Map<String, String> expected = new TreeMap<>();
        for (String name : names) {
            List<String> lines = new ArrayList<>();
            for (int n = 1; n <= 120; n++) {
                lines.add(name + " line " + n);
                expected.put(name + ":" + n, name + " line " + n);
            }
            writeLines(dir.resolve("corpus").resolve(name), lines);
        }
        return expected;
    }

    /**
     * Reads under three split settings, checks they gave different partition counts, and returns id
     * → text for each.
     */
    private List<Map<String, String>> readUnderThreeSplitSettings(InputSpec spec) {
        return readUnderSplitSettings(spec, 3);
    }

    /**
     * Reads under three split settings (default, 64 and 700 bytes), checks how many different
     * partition counts they gave, and returns id → text for each.
     */
    private List<Map<String, String>> readUnderSplitSettings(
            InputSpec spec, int distinctPartitionCounts) {
        List<Map<String, String>> results = new ArrayList<>();
        Set<Integer> partitions = new HashSet<>();
        for (String[] conf : new String[][] {{null, null}, {"64", "1"}, {"700", "1"}}) {
            Supplier<Corpus> open = () -> CorpusReader.open(spark, spec);
            Corpus corpus = withConf(conf[0], conf[1], open);
            partitions.add(corpus.rows().rdd().getNumPartitions());
            Map<String, String> ids = textById(corpus.rows());
            assertThat(corpus.rowCount()).hasValue(ids.size());
            results.add(ids);
        }
        assertThat(partitions).as("partition counts").hasSize(distinctPartitionCounts);
        return results;
    }

    private static <T> T withConf(String maxPartitionBytes, String openCost, Supplier<T> action) {
        try {
            if (maxPartitionBytes != null) {
                spark.conf().set(MAX_PARTITION_BYTES, maxPartitionBytes);
                spark.conf().set(OPEN_COST, openCost);
            }
            return action.get();
        } finally {
            spark.conf().unset(MAX_PARTITION_BYTES);
            spark.conf().unset(OPEN_COST);
        }
    }

    @Test
    void textIdsAreFileAndLineWhateverThePartitioning() {
        Map<String, String> expected = writeTextCorpus("a.txt", "b.txt", "c.txt");

        List<Map<String, String>> reads =
                readUnderThreeSplitSettings(InputSpec.of(dir.resolve("corpus").toString()));

        assertThat(reads).allSatisfy(ids -> assertThat(ids).isEqualTo(expected));
    }

    @Test
    void twoReadsGiveTheSameIds() {
        writeTextCorpus("a.txt", "b.txt");
        InputSpec spec = InputSpec.of(dir.resolve("corpus").toString());

        assertThat(textById(CorpusReader.read(spark, spec)))
                .isEqualTo(textById(CorpusReader.read(spark, spec)));
    }

    @Test
    void tinySplitsReallySplitFiles() {
        writeTextCorpus("a.txt");
        long splits =
                withConf(
                        "64",
                        "1",
                        () ->
                                spark.read()
                                        .text(dir.resolve("corpus/a.txt").toString())
                                        .select("_metadata.file_block_start")
                                        .distinct()
                                        .count());

        assertThat(splits).as("splits of a.txt with rows").isGreaterThan(10);
    }

    @Test
    void jsonlIdsAreLineNumbersAndABlankLineIsARow() {
        List<String> lines = new ArrayList<>();
        Map<String, String> expected = new TreeMap<>();
        for (int n = 1; n <= 60; n++) {
            lines.add("{\"text\":\"doc " + n + "\",\"pad\":\"" + "x".repeat(n % 7) + "\"}");
            expected.put("2024/part-3.jsonl:" + (n > 30 ? n + 1 : n), "doc " + n);
            if (n == 30) {
                lines.add(""); // line 31: a row without text (its error is "blank line")
                expected.put("2024/part-3.jsonl:31", null);
            }
        }
        writeLines(dir.resolve("root/2024/part-3.jsonl"), lines);
        writeLines(dir.resolve("root/2023/part-1.jsonl"), List.of("{\"text\":\"old\"}"));
        expected.put("2023/part-1.jsonl:1", "old");

        List<Map<String, String>> reads =
                readUnderThreeSplitSettings(InputSpec.of(dir.resolve("root") + "/*/*.jsonl"));

        assertThat(reads).allSatisfy(ids -> assertThat(ids).isEqualTo(expected));
    }

    @Test
    void csvIdsCountDataRecordsNotTheHeader() {
        // CSV files are read whole (multi-line records), so partitions differ only in how files
        // are packed together: several files of different sizes.
        Map<String, String> expected = new TreeMap<>();
        for (int f = 1; f <= 5; f++) {
            StringBuilder csv = new StringBuilder("title,text\n");
            for (int n = 1; n <= 10 * f; n++) {
                String text = "text " + f + "/" + n + ", quoted\nwith a second line";
                csv.append("t").append(n).append(",\"").append(text).append("\"\n");
                expected.put("docs-" + f + ".csv:" + n, text);
            }
            write(dir.resolve("csv/docs-" + f + ".csv"), csv.toString());
        }

        List<Map<String, String>> reads =
                readUnderSplitSettings(InputSpec.of(dir.resolve("csv").toString()), 2);

        assertThat(reads).allSatisfy(ids -> assertThat(ids).isEqualTo(expected));
    }

    @Test
    void parquetIdsFollowRowGroups() {
        List<Row> data = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        for (int n = 1; n <= 3000; n++) {
            data.add(RowFactory.create("parquet document number " + n));
        }
        StructType schema = new StructType().add("text", DataTypes.StringType);
        // Small row groups, so a tiny split size gives several splits with rows.
        spark.createDataFrame(data, schema)
                .coalesce(1)
                .write()
                .option("parquet.block.size", 4096)
                .option("parquet.page.size", 1024)
                .parquet(dir.resolve("pq").toString());

        List<Map<String, String>> reads =
                readUnderThreeSplitSettings(InputSpec.of(dir.resolve("pq").toString()));

        Map<String, String> first = reads.get(0);
        String file = first.keySet().iterator().next().replaceAll(":\\d+$", "");
        for (int n = 1; n <= 3000; n++) {
            expected.put(file + ":" + n, "parquet document number " + n);
        }
        assertThat(reads).allSatisfy(ids -> assertThat(ids).isEqualTo(new TreeMap<>(expected)));
        long splitsWithRows =
                withConf(
                        "64",
                        "1",
                        () ->
                                spark.read()
                                        .parquet(dir.resolve("pq").toString())
                                        .select("_metadata.file_block_start")
                                        .distinct()
                                        .count());
        assertThat(splitsWithRows).as("row groups read by different splits").isGreaterThan(1);
    }

    @Test
    void gzipFilesAreNotSplitAndStillNumbered() {
        StringBuilder text = new StringBuilder();
        for (int n = 1; n <= 50; n++) {
            text.append("gz line ").append(n).append('\n');
        }
        writeGzip(dir.resolve("z/a.txt.gz"), text.toString());

        Map<String, String> ids =
                withConf(
                        "64",
                        "1",
                        () -> textById(CorpusReader.read(spark, InputSpec.of(dir + "/z"))));

        assertThat(ids).hasSize(50).contains(entry("a.txt.gz:1", "gz line 1"));
        assertThat(ids).contains(entry("a.txt.gz:50", "gz line 50"));
    }

    @Test
    void fileNamesInIdsAreDecoded() {
        writeLines(dir.resolve("my corpus/a b%.txt"), List.of("x"));

        assertThat(textById(CorpusReader.read(spark, InputSpec.of(dir + "/my corpus"))))
                .containsExactly(entry("a b%.txt:1", "x"));
    }

    @Test
    void overlappingPathsAreRejected() {
        Path a = writeLines(dir.resolve("a.txt"), List.of("x"));

        assertThatThrownBy(() -> CorpusReader.read(spark, InputSpec.of(dir + "/*.txt," + a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "input file \"file:"
                                + a
                                + "\" is read twice; make sure the input paths do not overlap");
    }

    @Test
    void absentIdColumnGivesGeneratedIdsUnlessNamed() {
        Path file = writeLines(dir.resolve("d.jsonl"), List.of("{\"text\":\"a\"}"));

        assertThat(textById(CorpusReader.read(spark, InputSpec.of(file.toString()))))
                .containsExactly(entry("d.jsonl:1", "a"));
        assertThatThrownBy(
                        () ->
                                CorpusReader.read(
                                        spark, InputSpec.of(file.toString()).withIdCol("id")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "input has no column \"id\" (columns: text); set id-col or leave it"
                                + " out to generate ids");
    }

    @Test
    void rowCountIsOfferedWhenRowsWereNumbered() {
        Path generated = writeLines(dir.resolve("g.txt"), List.of("a", "b", "c"));
        Path given = writeLines(dir.resolve("h.jsonl"), List.of("{\"id\":1,\"text\":\"a\"}"));
        spark.read().json(given.toString()).write().parquet(dir.resolve("p").toString());

        assertThat(CorpusReader.open(spark, InputSpec.of(generated.toString())).rowCount())
                .hasValue(3);
        // Lines are numbered even when ids are given: a row without one gets its place.
        assertThat(CorpusReader.open(spark, InputSpec.of(given.toString())).rowCount()).hasValue(1);
        assertThat(CorpusReader.open(spark, InputSpec.of(dir.resolve("p").toString())).rowCount())
                .as("Parquet rows with ids have no place to number")
                .isEmpty();
    }

    @Test
    void commonParentOfFileNames() {
        assertThat(FileNames.relativeToCommonParent(List.of("file:/data/corpus.txt")))
                .containsExactly(entry("file:/data/corpus.txt", "corpus.txt"));
        assertThat(
                        FileNames.relativeToCommonParent(
                                List.of(
                                        "hdfs://nn:8020/c/2024/part-3.jsonl",
                                        "hdfs://nn:8020/c/2023/x/part-1.jsonl")))
                .containsOnly(
                        entry("hdfs://nn:8020/c/2024/part-3.jsonl", "2024/part-3.jsonl"),
                        entry("hdfs://nn:8020/c/2023/x/part-1.jsonl", "2023/x/part-1.jsonl"));
        assertThat(FileNames.relativeToCommonParent(List.of("file:/a/x.txt", "file:/b/y.txt")))
                .containsOnly(entry("file:/a/x.txt", "a/x.txt"), entry("file:/b/y.txt", "b/y.txt"));
        assertThat(
                        FileNames.relativeToCommonParent(
                                List.of("file:/a/x.txt", "s3a://bucket/a/x%20y.txt")))
                .containsOnly(
                        entry("file:/a/x.txt", "file:/a/x.txt"),
                        entry("s3a://bucket/a/x%20y.txt", "s3a://bucket/a/x y.txt"));
    }

    @Test
    void secondPassFailsWhenASplitYieldsOtherRowsThanTheFirst() throws Exception {
        List<SplitRows> counted =
                List.of(
                        new SplitRows(0, "file:/c/a.txt", 0, 2),
                        new SplitRows(1, "file:/c/a.txt", 64, 1));
        Map<Integer, List<SplitPlan>> plans = GeneratedIds.plan(counted);
        RowNumberer numberer = new RowNumberer(plans);

        List<Row> ok = new ArrayList<>();
        numberer.call(1, List.of(RowFactory.create("file:/c/a.txt", 64L, "t", null)).iterator())
                .forEachRemaining(ok::add);
        assertThat(ok).containsExactly(RowFactory.create("a.txt:3", "t", null));

        Row r = RowFactory.create("file:/c/a.txt", 0L, "t", null);
        assertThatThrownBy(() -> numberer.call(0, List.of(r).iterator()).forEachRemaining(x -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "input file \"file:/c/a.txt\" changed while it was read: the split from"
                                + " byte 0 had 2 rows in the first pass and 1 in the second");
        assertThatThrownBy(
                        () -> numberer.call(1, List.of(r, r).iterator()).forEachRemaining(x -> {}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(
                        "input changed while it was read: partition 1 read file"
                                + " \"file:/c/a.txt\" from byte 0, which the first pass did not"
                                + " see there");
        Row late = RowFactory.create("file:/c/a.txt", 64L, "t", null);
        assertThatThrownBy(
                        () ->
                                numberer.call(1, List.of(late, late).iterator())
                                        .forEachRemaining(x -> {}))
                .hasMessage(
                        "input file \"file:/c/a.txt\" changed while it was read: the split from"
                                + " byte 64 had 1 rows in the first pass and more in the second");
    }
}
