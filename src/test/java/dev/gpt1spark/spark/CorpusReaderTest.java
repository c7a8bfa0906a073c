package dev.gpt1spark.spark;

import static dev.gpt1spark.spark.CorpusFiles.textById;
import static dev.gpt1spark.spark.CorpusFiles.write;
import static dev.gpt1spark.spark.CorpusFiles.writeGzip;
import static dev.gpt1spark.spark.CorpusFiles.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every format, file layout and format detection. */
class CorpusReaderTest extends SparkTestBase {
    @TempDir Path dir;

    private Dataset<Row> read(InputSpec spec) {
        return CorpusReader.read(spark, spec);
    }

    @Test
    void textFileOneDocumentPerLine() {
        Path file = writeLines(dir.resolve("corpus.txt"), List.of("first", "", "third"));

        Dataset<Row> rows = read(InputSpec.of(file.toString()));

        assertThat(rows.columns())
                .containsExactly("id", InternalColumns.TEXT, InternalColumns.INPUT_ERROR);
        assertThat(rows.schema().apply("id").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(rows.collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("corpus.txt:1", "first", null),
                        RowFactory.create("corpus.txt:2", "", null),
                        RowFactory.create("corpus.txt:3", "third", null));
    }

    @Test
    void textFolderGlobAndCommaList() {
        writeLines(dir.resolve("in/a.txt"), List.of("a1", "a2"));
        writeLines(dir.resolve("in/b.txt"), List.of("b1"));
        write(dir.resolve("in/_SUCCESS"), "");
        write(dir.resolve("in/.a.txt.crc"), "x");
        Map<String, String> expected = Map.of("a.txt:1", "a1", "a.txt:2", "a2", "b.txt:1", "b1");

        assertThat(textById(read(InputSpec.of(dir.resolve("in").toString())))).isEqualTo(expected);
        assertThat(textById(read(InputSpec.of(dir.resolve("in") + "/*.txt")))).isEqualTo(expected);
        assertThat(textById(read(InputSpec.of(dir.resolve("in/{a,b}.txt").toString()))))
                .isEqualTo(expected);
        assertThat(
                        textById(
                                read(
                                        InputSpec.of(
                                                dir.resolve("in/a.txt")
                                                        + " , "
                                                        + dir.resolve("in/b.txt")))))
                .isEqualTo(expected);
    }

    @Test
    void gzipTextIsDecompressed() {
        Path file = writeGzip(dir.resolve("corpus.txt.gz"), "one\ntwo\n");

        assertThat(textById(read(InputSpec.of(file.toString()))))
                .containsExactly(entry("corpus.txt.gz:1", "one"), entry("corpus.txt.gz:2", "two"));
    }

    @Test
    void jsonlWithStringIdsAndKeptColumns() {
        Path file =
                writeLines(
                        dir.resolve("docs.jsonl"),
                        List.of(
                                "{\"id\":\"d1\",\"text\":\"hello\",\"n\":3,\"rating\":0.5,"
                                        + "\"tags\":[\"x\",\"y\"],\"meta\":{\"src\":\"web\"}}",
                                "{\"id\":\"d2\",\"text\":\"world\",\"n\":4,\"rating\":1.5,"
                                        + "\"tags\":[],\"meta\":{\"src\":\"book\"}}"));

        Dataset<Row> rows =
                read(
                        InputSpec.of(file.toString())
                                .withKeepCols(List.of("meta", "n", "rating", "tags")));

        assertThat(rows.columns())
                .containsExactly(
                        "id",
                        "meta",
                        "n",
                        "rating",
                        "tags",
                        InternalColumns.TEXT,
                        InternalColumns.INPUT_ERROR);
        StructType schema = rows.schema();
        assertThat(schema.apply("n").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(schema.apply("rating").dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(schema.apply("tags").dataType().simpleString()).isEqualTo("array<string>");
        assertThat(schema.apply("meta").dataType().simpleString()).isEqualTo("struct<src:string>");
        Row d1 = CorpusFiles.row(rows, "d1");
        assertThat(d1.<Row>getAs("meta").getString(0)).isEqualTo("web");
        assertThat(d1.<Long>getAs("n")).isEqualTo(3L);
        assertThat(d1.<Double>getAs("rating")).isEqualTo(0.5);
        assertThat(d1.getList(d1.fieldIndex("tags"))).containsExactly("x", "y");
        assertThat(d1.<String>getAs(InternalColumns.TEXT)).isEqualTo("hello");
        assertThat(d1.<String>getAs(InternalColumns.INPUT_ERROR)).isNull();
        assertThat(CorpusReader.open(spark, InputSpec.of(file.toString())).rowCount())
                .as("lines are numbered (a row without an id gets its place), which counts them")
                .isPresent();
    }

    @Test
    void jsonlNumericIdsKeepTheirType() {
        Path file =
                writeLines(
                        dir.resolve("docs.jsonl"),
                        List.of(
                                "{\"id\":7,\"text\":\"a\"}",
                                "{\"id\":12345678901,\"text\":\"b\"}"));

        Dataset<Row> rows = read(InputSpec.of(file.toString()));
        assertThat(rows.schema().apply("id").dataType()).isEqualTo(DataTypes.LongType);
        assertThat(textById(rows)).containsExactly(entry("12345678901", "b"), entry("7", "a"));
    }

    @Test
    void jsonlOtherTextAndIdColumns() {
        Path file =
                writeLines(
                        dir.resolve("docs.ndjson"),
                        List.of(
                                "{\"doc\":\"x\",\"body\":\"a\"}",
                                "{\"doc\":\"y\",\"body\":\"b\"}"));

        assertThat(
                        textById(
                                read(
                                        InputSpec.of(file.toString())
                                                .withTextCol("body")
                                                .withIdCol("doc"))))
                .containsExactly(entry("x", "a"), entry("y", "b"));
    }

    @Test
    void csvHeaderNamesStringColumns() {
        Path file =
                write(
                        dir.resolve("docs.csv"),
                        "id,text,n\n1,\"hello, world\",3\n2,plain,4\n3,\"say \"\"hi\"\"\",5\n");

        Dataset<Row> rows = read(InputSpec.of(file.toString()).withKeepCols(List.of("n")));

        assertThat(rows.columns())
                .containsExactly("id", "n", InternalColumns.TEXT, InternalColumns.INPUT_ERROR);
        assertThat(rows.schema().apply("n").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(rows.collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("1", "3", "hello, world", null),
                        RowFactory.create("2", "4", "plain", null),
                        RowFactory.create("3", "5", "say \"hi\"", null));
    }

    @Test
    void secondTextColumnFromCsvAndParquetWithNullsKept() {
        Path csv =
                write(dir.resolve("pairs.csv"), "id,premise,hypothesis\n1,a house,a home\n2,x,\n");
        InputSpec pairs =
                InputSpec.of(csv.toString()).withTextCol("premise").withText2Col("hypothesis");

        Dataset<Row> rows = read(pairs);

        assertThat(rows.columns())
                .containsExactly(
                        "id",
                        InternalColumns.TEXT,
                        InternalColumns.TEXT2,
                        InternalColumns.INPUT_ERROR);
        assertThat(rows.collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("1", "a house", "a home", null),
                        RowFactory.create("2", "x", null, null));

        String parquet = dir.resolve("pq").toString();
        rows.select("id", InternalColumns.TEXT, InternalColumns.TEXT2)
                .toDF("id", "premise", "hypothesis")
                .write()
                .parquet(parquet);
        InputSpec fromParquet =
                InputSpec.of(parquet).withTextCol("premise").withText2Col("hypothesis");
        assertThat(read(fromParquet).collectAsList())
                .containsExactlyInAnyOrderElementsOf(rows.collectAsList());
        assertThatThrownBy(() -> read(pairs.withText2Col("second")))
                .hasMessage(
                        "input has no column \"second\" (columns: id, premise, hypothesis); set"
                                + " text2-col");
        Path text = writeLines(dir.resolve("lines.txt"), List.of("one"));
        assertThatThrownBy(() -> read(InputSpec.of(text.toString()).withText2Col("hypothesis")))
                .hasMessageStartingWith("Cannot read text2-col from text input");
    }

    @Test
    void parquetFolderWrittenBySparkKeepsTypes() {
        StructType schema =
                new StructType()
                        .add("doc_id", DataTypes.LongType)
                        .add("text", DataTypes.StringType)
                        .add("year", DataTypes.IntegerType)
                        .add("vec", DataTypes.createArrayType(DataTypes.FloatType));
        Dataset<Row> input =
                spark.createDataFrame(
                        List.of(
                                RowFactory.create(10L, "ten", 2020, new float[] {1f, 2f}),
                                RowFactory.create(11L, "eleven", 2021, new float[] {3f})),
                        schema);
        String out = dir.resolve("pq").toString();
        input.coalesce(1).write().parquet(out); // with _SUCCESS and .crc files beside

        Dataset<Row> rows =
                read(InputSpec.of(out).withIdCol("doc_id").withKeepCols(List.of("year", "vec")));

        assertThat(rows.columns())
                .containsExactly(
                        "id", "year", "vec", InternalColumns.TEXT, InternalColumns.INPUT_ERROR);
        assertThat(rows.schema().apply("year").dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(rows.schema().apply("vec").dataType())
                .isEqualTo(DataTypes.createArrayType(DataTypes.FloatType));
        Row ten = CorpusFiles.row(rows, "10");
        assertThat(ten.<Integer>getAs("year")).isEqualTo(2020);
        assertThat(ten.getList(ten.fieldIndex("vec"))).containsExactly(1f, 2f);
        assertThat(ten.<String>getAs(InternalColumns.TEXT)).isEqualTo("ten");
    }

    @Test
    void parquetGeneratedIdsKeepComplexColumns() {
        StructType schema =
                new StructType()
                        .add("text", DataTypes.StringType)
                        .add(
                                "meta",
                                new StructType()
                                        .add("src", DataTypes.StringType)
                                        .add(
                                                "tags",
                                                DataTypes.createArrayType(DataTypes.StringType)));
        Dataset<Row> input =
                spark.createDataFrame(
                        List.of(
                                RowFactory.create("a", RowFactory.create("web", List.of("p", "q"))),
                                RowFactory.create("b", RowFactory.create("book", List.of()))),
                        schema);
        input.coalesce(1).write().parquet(dir.resolve("pq").toString());

        Dataset<Row> rows =
                read(InputSpec.of(dir.resolve("pq").toString()).withKeepCols(List.of("meta")));

        assertThat(rows.schema().apply("meta").dataType())
                .isEqualTo(schema.apply("meta").dataType());
        List<Row> all = rows.collectAsList();
        assertThat(all).hasSize(2);
        Row a =
                all.stream()
                        .filter(r -> "a".equals(r.getAs(InternalColumns.TEXT)))
                        .findFirst()
                        .get();
        assertThat(a.<String>getAs("id")).matches("part-00000-.*\\.parquet:1");
        assertThat(a.<Row>getAs("meta").getString(0)).isEqualTo("web");
        assertThat(a.<Row>getAs("meta").getList(1)).containsExactly("p", "q");
    }

    @Test
    void autoDetectsFormatFromExtensionAfterCompressionSuffix() {
        assertThat(InputFormat.ofFileName("a.txt")).contains(InputFormat.TEXT);
        assertThat(InputFormat.ofFileName("a.TEXT")).contains(InputFormat.TEXT);
        assertThat(InputFormat.ofFileName("a.jsonl.gz")).contains(InputFormat.JSONL);
        assertThat(InputFormat.ofFileName("a.json.bz2")).contains(InputFormat.JSONL);
        assertThat(InputFormat.ofFileName("a.ndjson.zst")).contains(InputFormat.JSONL);
        assertThat(InputFormat.ofFileName("a.csv.deflate")).contains(InputFormat.CSV);
        assertThat(InputFormat.ofFileName("a.txt.xz")).contains(InputFormat.TEXT);
        assertThat(InputFormat.ofFileName("a.txt.lz4")).contains(InputFormat.TEXT);
        assertThat(InputFormat.ofFileName("a.txt.snappy")).contains(InputFormat.TEXT);
        assertThat(InputFormat.ofFileName("part-0.snappy.parquet")).contains(InputFormat.PARQUET);
        assertThat(InputFormat.ofFileName("a.gz")).isEmpty();
        assertThat(InputFormat.ofFileName("a.dat")).isEmpty();
        assertThat(InputFormat.ofFileName("txt")).isEmpty();
    }

    @Test
    void autoDetectionReadsEachFormat() {
        writeGzip(dir.resolve("j/a.jsonl.gz"), "{\"text\":\"json\"}\n");
        write(dir.resolve("c/a.csv"), "text\ncsv\n");
        write(dir.resolve("t/a.text"), "plain\n");

        assertThat(textById(read(InputSpec.of(dir.resolve("j").toString()))).values())
                .containsExactly("json");
        assertThat(textById(read(InputSpec.of(dir.resolve("c").toString()))).values())
                .containsExactly("csv");
        assertThat(textById(read(InputSpec.of(dir.resolve("t/*").toString()))).values())
                .containsExactly("plain");
    }

    @Test
    void readerOptionsReachSparksReader() {
        Path tsv = write(dir.resolve("t.tsv"), "id\ttext\na\thello, world\nb\t\"quoted\ttab\"\n");
        InputSpec spec =
                InputSpec.of(tsv.toString()).withFormat("csv").withOptions(Map.of("sep", "\\t"));

        assertThat(read(spec).collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("a", "hello, world", null),
                        RowFactory.create("b", "quoted\ttab", null));

        writeLines(dir.resolve("nested/2023/a.jsonl"), List.of("{\"id\":\"a\",\"text\":\"x\"}"));
        writeLines(dir.resolve("nested/2024/q1/b.jsonl"), List.of("{\"id\":\"b\",\"text\":\"y\"}"));
        InputSpec nested =
                InputSpec.of(dir.resolve("nested").toString())
                        .withOptions(Map.of("recursiveFileLookup", "true"));
        assertThat(textById(read(nested))).containsOnly(entry("a", "x"), entry("b", "y"));
        assertThat(read(nested.withFormat("json")).count()).as("json is jsonl").isEqualTo(2);
    }

    @Test
    void orcAndAvroAreRead() {
        StructType schema =
                new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
        Dataset<Row> rows =
                spark.createDataFrame(
                        List.of(RowFactory.create(1L, "one"), RowFactory.create(2L, "two")),
                        schema);
        for (String format : List.of("orc", "avro")) {
            String folder = dir.resolve(format).toString();
            rows.coalesce(1).write().format(format).save(folder);

            assertThat(read(InputSpec.of(folder)).collectAsList())
                    .as(format + ", told by the part files' extension")
                    .containsExactlyInAnyOrder(
                            RowFactory.create(1L, "one", null), RowFactory.create(2L, "two", null));
            assertThat(read(InputSpec.of(folder).withFormat(format)).count()).isEqualTo(2);
        }
    }

    @Test
    void unknownExtensionNeedsInputFormat() {
        Path file = write(dir.resolve("data.dat"), "line\n");
        write(dir.resolve("folder/_SUCCESS"), "");
        write(dir.resolve("folder/sub/part-0"), "line\n");

        assertThatThrownBy(() -> read(InputSpec.of(file.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "cannot tell the format of input file \"file:"
                                + file
                                + "\" from its name; set input-format to text, jsonl, json,"
                                + " csv, parquet, orc or avro");
        assertThatThrownBy(() -> read(InputSpec.of(dir.resolve("folder").toString())))
                .hasMessage(
                        "cannot tell the format of input file \"file:"
                                + dir.resolve("folder/sub/part-0")
                                + "\" from its name; set input-format to text, jsonl, json,"
                                + " csv, parquet, orc or avro");
        assertThat(textById(read(InputSpec.of(file.toString()).withFormat("text"))))
                .containsExactly(entry("data.dat:1", "line"));
    }

    @Test
    void pathsMatchingNothingAreErrors() {
        write(dir.resolve("empty/_SUCCESS"), "");
        write(dir.resolve("a.txt"), "x\n");

        assertThatThrownBy(() -> read(InputSpec.of(dir.resolve("missing.txt").toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input \"" + dir.resolve("missing.txt") + "\" matches no files");
        assertThatThrownBy(() -> read(InputSpec.of(dir + "/*.jsonl").withFormat("jsonl")))
                .hasMessage("input \"" + dir + "/*.jsonl\" matches no files");
        assertThatThrownBy(() -> read(InputSpec.of(dir.resolve("empty").toString())))
                .hasMessage("input \"" + dir.resolve("empty") + "\" matches no files");
        assertThatThrownBy(() -> read(InputSpec.of(dir.resolve("a.txt") + "," + dir + "/nope/*")))
                .hasMessage("input \"" + dir + "/nope/*\" matches no files");
    }

    @Test
    void mixedFormatsAcrossPathsAreAnError() {
        Path text = write(dir.resolve("a.txt"), "x\n");
        Path csv = write(dir.resolve("b.csv"), "text\nx\n");

        assertThatThrownBy(() -> read(InputSpec.of(text + "," + csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "input files have different formats: \"file:"
                                + text
                                + "\" is text, \"file:"
                                + csv
                                + "\" is csv; read them separately");
    }

    @Test
    void commaSplittingRespectsGlobBraces() {
        assertThat(InputPaths.split("a.txt, b/*.txt ,,c/{2023,2024}/*.jsonl"))
                .containsExactly("a.txt", "b/*.txt", "c/{2023,2024}/*.jsonl");
    }
}
