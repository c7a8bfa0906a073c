package dev.gpt1spark.spark;

import static dev.gpt1spark.spark.CorpusFiles.row;
import static dev.gpt1spark.spark.CorpusFiles.write;
import static dev.gpt1spark.spark.CorpusFiles.writeBytes;
import static dev.gpt1spark.spark.CorpusFiles.writeLines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gives exactly one row, with the documented text and input error. */
class CorpusReaderBadInputTest extends SparkTestBase {
    private static final String LONG = "x".repeat(200_000);

    @TempDir Path dir;

    private Dataset<Row> read(InputSpec spec) {
        return CorpusReader.read(spark, spec);
    }

    /** The row's (__text, __input_error). */
    private static List<Object> textAndError(Dataset<Row> rows, String id) {
        Row r = row(rows, id);
        return Arrays.asList(r.getAs(InternalColumns.TEXT), r.getAs(InternalColumns.INPUT_ERROR));
    }

    private static List<Object> pair(String text, String error) {
        return Arrays.asList(text, error);
    }

    @Test
    void jsonlBadRowsEachGiveOneRow() {
        Path file =
                writeLines(
                        dir.resolve("bad.jsonl"),
                        List.of(
                                "{\"id\":\"ok\",\"text\":\"fine\"}",
                                "{\"id\":\"null\",\"text\":null}",
                                "{\"id\":\"absent\"}",
                                "{\"id\":\"empty\",\"text\":\"\"}",
                                "{\"id\":\"blank\",\"text\":\" \\t \"}",
                                "{\"id\":\"long\",\"text\":\"" + LONG + "\"}",
                                "{\"id\":\"number\",\"text\":42}",
                                "{\"id\":\"object\",\"text\":{\"a\":[1,2]}}",
                                "{\"id\":\"malformed\",\"text\":\"unterminated}",
                                "{\"text\":\"no id\"}"));

        Dataset<Row> rows = read(InputSpec.of(file.toString()));

        assertThat(rows.count()).isEqualTo(10);
        assertThat(textAndError(rows, "ok")).isEqualTo(pair("fine", null));
        assertThat(textAndError(rows, "null")).isEqualTo(pair(null, null));
        assertThat(textAndError(rows, "absent")).isEqualTo(pair(null, null));
        assertThat(textAndError(rows, "empty")).isEqualTo(pair("", null));
        assertThat(textAndError(rows, "blank")).isEqualTo(pair(" \t ", null));
        assertThat(textAndError(rows, "long")).isEqualTo(pair(LONG, null));
        // Spark reads a non-string value of a string column as its JSON text.
        assertThat(textAndError(rows, "number")).isEqualTo(pair("42", null));
        assertThat(textAndError(rows, "object")).isEqualTo(pair("{\"a\":[1,2]}", null));
        // A row without an id keeps its place: file and 1-based line.
        assertThat(row(rows, "bad.jsonl:9"))
                .isEqualTo(RowFactory.create("bad.jsonl:9", null, "malformed JSON record"));
        assertThat(row(rows, "bad.jsonl:10"))
                .isEqualTo(RowFactory.create("bad.jsonl:10", null, "id is null"));
    }

    @Test
    void everyJsonLineIsARowNumberedByItsLine() {
        Path file =
                writeLines(
                        dir.resolve("lines.jsonl"),
                        List.of(
                                "{\"id\":\"a\",\"text\":\"one\"}",
                                "",
                                "{\"id\":\"b\",\"text\":\"three\"}",
                                " \t ",
                                "{\"id\":\"c\",\"text\": oops}",
                                "[{\"id\":\"d\",\"text\":\"an array is not a record\"}]"));

        assertThat(read(InputSpec.of(file.toString())).collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("a", "one", null),
                        RowFactory.create("lines.jsonl:2", null, "blank line"),
                        RowFactory.create("b", "three", null),
                        RowFactory.create("lines.jsonl:4", null, "blank line"),
                        RowFactory.create("lines.jsonl:5", null, "malformed JSON record"),
                        RowFactory.create("lines.jsonl:6", null, "malformed JSON record"));
        Path noIds = writeLines(dir.resolve("g.jsonl"), List.of("{\"text\":\"a\"}", "", "x"));
        assertThat(read(InputSpec.of(noIds.toString())).collectAsList())
                .as("generated ids are line numbers too")
                .containsExactlyInAnyOrder(
                        RowFactory.create("g.jsonl:1", "a", null),
                        RowFactory.create("g.jsonl:2", null, "blank line"),
                        RowFactory.create("g.jsonl:3", null, "malformed JSON record"));
    }

    @Test
    void withNumericIdsTheErrorNamesThePlace() {
        Path file =
                writeLines(
                        dir.resolve("n.jsonl"),
                        List.of("{\"id\":7,\"text\":\"a\"}", "{oops", "", "{\"text\":\"b\"}"));

        assertThat(read(InputSpec.of(file.toString())).collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create(7L, "a", null),
                        RowFactory.create(null, null, "malformed JSON record at n.jsonl:2"),
                        RowFactory.create(null, null, "blank line at n.jsonl:3"),
                        RowFactory.create(null, null, "id is null at n.jsonl:4"));
    }

    @Test
    void anUnterminatedCsvQuoteIsAnErrorOnItsRecord() {
        Path file =
                write(
                        dir.resolve("u.csv"),
                        "id,text\n"
                                + "a,fine\n"
                                + "b,\"two\nlines\"\n"
                                + "c,\"never closed\n"
                                + "d,swallowed\n"
                                + "e,swallowed \"\"too\"\"\n");

        assertThat(read(InputSpec.of(file.toString())).collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("a", "fine", null),
                        RowFactory.create("b", "two\nlines", null),
                        RowFactory.create("c", null, CsvQuotes.UNTERMINATED));
        Path noIds = write(dir.resolve("v.csv"), "text\nok\n\n\"open\nrest\n");
        assertThat(read(InputSpec.of(noIds.toString())).collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("v.csv:1", "ok", null),
                        RowFactory.create("v.csv:2", null, CsvQuotes.UNTERMINATED));
    }

    @Test
    void malformedJsonKeepsItsGeneratedId() {
        Path file =
                writeLines(
                        dir.resolve("m.jsonl"),
                        List.of(
                                "{\"text\":\"a\"}",
                                "{\"text\": oops}",
                                "not json",
                                "{\"text\":\"d\"}"));

        Dataset<Row> rows = read(InputSpec.of(file.toString()));

        assertThat(rows.collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("m.jsonl:1", "a", null),
                        RowFactory.create("m.jsonl:2", null, "malformed JSON record"),
                        RowFactory.create("m.jsonl:3", null, "malformed JSON record"),
                        RowFactory.create("m.jsonl:4", "d", null));
    }

    @Test
    void allNumericJsonTextColumnIsAnErrorOnEveryRow() {
        Path file =
                writeLines(
                        dir.resolve("n.jsonl"),
                        List.of("{\"id\":\"a\",\"text\":1}", "{\"id\":\"b\",\"text\":2}"));

        Dataset<Row> rows = read(InputSpec.of(file.toString()));

        String error = "text column \"text\" has type bigint, not string";
        assertThat(rows.collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("a", null, error), RowFactory.create("b", null, error));
        Path noIds = writeLines(dir.resolve("m.jsonl"), List.of("{\"text\":1.5}", "{oops"));
        assertThat(read(InputSpec.of(noIds.toString())).collectAsList())
                .as("the type error wins over a malformed line")
                .containsExactlyInAnyOrder(
                        RowFactory.create(
                                "m.jsonl:1",
                                null,
                                "text column \"text\" has type double, not string"),
                        RowFactory.create(
                                "m.jsonl:2",
                                null,
                                "text column \"text\" has type double, not string"));
    }

    @Test
    void parquetIntTextColumnIsAnErrorOnEveryRow() {
        StructType schema = new StructType().add("body", DataTypes.IntegerType);
        spark.createDataFrame(List.of(RowFactory.create(1), RowFactory.create(2)), schema)
                .coalesce(1)
                .write()
                .parquet(dir.resolve("pq").toString());

        Dataset<Row> rows = read(InputSpec.of(dir.resolve("pq").toString()).withTextCol("body"));

        assertThat(rows.collectAsList())
                .extracting(
                        r -> r.getAs(InternalColumns.TEXT),
                        r -> r.getAs(InternalColumns.INPUT_ERROR))
                .containsOnly(tuple(null, "text column \"body\" has type int, not string"));
        assertThat(rows.count()).isEqualTo(2);
    }

    @Test
    void textFileBadLinesEachGiveOneRow() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("fine\n\n \t \n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'a', 'b', (byte) 0xFF, (byte) 0xC3, 'c', 'd', '\n'});
        bytes.writeBytes((LONG + "\n").getBytes(StandardCharsets.UTF_8));
        Path file = writeBytes(dir.resolve("t.txt"), bytes.toByteArray());

        Dataset<Row> rows = read(InputSpec.of(file.toString()));

        assertThat(rows.count()).isEqualTo(5);
        assertThat(textAndError(rows, "t.txt:1")).isEqualTo(pair("fine", null));
        assertThat(textAndError(rows, "t.txt:2")).isEqualTo(pair("", null));
        assertThat(textAndError(rows, "t.txt:3")).isEqualTo(pair(" \t ", null));
        // Spark decodes UTF-8 with replacement: each invalid byte becomes U+FFFD.
        assertThat(textAndError(rows, "t.txt:4")).isEqualTo(pair("ab\uFFFD\uFFFDcd", null));
        assertThat(textAndError(rows, "t.txt:5")).isEqualTo(pair(LONG, null));
    }

    @Test
    void csvBadRowsEachGiveOneRow() {
        Path file =
                write(
                        dir.resolve("bad.csv"),
                        "id,text,source\n"
                                + "ok,fine,web\n"
                                + "emptyfield,,web\n"
                                + "blank,\"  \",web\n"
                                + "long,"
                                + LONG
                                + ",web\n"
                                + "short,only two\n"
                                + "extra,a,b,c\n"
                                + ",no id,web\n");

        Dataset<Row> rows = read(InputSpec.of(file.toString()).withKeepCols(List.of("source")));

        assertThat(rows.count()).isEqualTo(7);
        assertThat(textAndError(rows, "ok")).isEqualTo(pair("fine", null));
        assertThat(textAndError(rows, "emptyfield")).isEqualTo(pair(null, null));
        assertThat(textAndError(rows, "blank")).isEqualTo(pair("  ", null));
        assertThat(textAndError(rows, "long")).isEqualTo(pair(LONG, null));
        assertThat(textAndError(rows, "short")).isEqualTo(pair(null, "malformed CSV record"));
        assertThat(textAndError(rows, "extra")).isEqualTo(pair(null, "malformed CSV record"));
        assertThat(row(rows, "bad.csv:7"))
                .as("a row without an id keeps its place: file and record")
                .isEqualTo(RowFactory.create("bad.csv:7", "web", null, "id is null"));
    }

    @Test
    void csvLineBreaksInsideQuotesStayInTheirRecord() {
        Path file =
                write(dir.resolve("q.csv"), "text,n\n\"two\nlines\",1\n\"a \"\"quote\"\"\",2\n");

        Dataset<Row> rows = read(InputSpec.of(file.toString()));

        assertThat(rows.collectAsList())
                .containsExactlyInAnyOrder(
                        RowFactory.create("q.csv:1", "two\nlines", null),
                        RowFactory.create("q.csv:2", "a \"quote\"", null));
    }

    @Test
    void missingColumnsAreNamed() {
        Path file = writeLines(dir.resolve("d.jsonl"), List.of("{\"a\":1,\"b\":\"x\",\"c\":true}"));
        InputSpec spec = InputSpec.of(file.toString());

        assertThatThrownBy(() -> read(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input has no column \"text\" (columns: a, b, c); set text-col");
        assertThatThrownBy(() -> read(spec.withTextCol("b").withIdCol("doc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "input has no column \"doc\" (columns: a, b, c); set id-col or leave"
                                + " it out to generate ids");
        assertThatThrownBy(() -> read(spec.withTextCol("b").withKeepCols(List.of("a", "url"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input has no column \"url\" (columns: a, b, c); check keep-cols");
        assertThatThrownBy(
                        () -> read(spec.withTextCol("b").withKeepCols(List.of("url", "c", "lang"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "input has no columns \"url\", \"lang\" (columns: a, b, c); check"
                                + " keep-cols");
    }

    @Test
    void textFilesHaveOnlyTheTextColumn() {
        Path file = writeLines(dir.resolve("t.txt"), List.of("x"));

        assertThatThrownBy(() -> read(InputSpec.of(file.toString()).withIdCol("doc")))
                .hasMessage(
                        "input has no column \"doc\" (columns: text); set id-col or leave it"
                                + " out to generate ids");
        assertThatThrownBy(() -> read(InputSpec.of(file.toString()).withKeepCols(List.of("url"))))
                .hasMessage("input has no column \"url\" (columns: text); check keep-cols");
        assertThat(read(InputSpec.of(file.toString()).withTextCol("line")).columns())
                .containsExactly("id", InternalColumns.TEXT, InternalColumns.INPUT_ERROR);
    }

    @Test
    void columnNamesWithDotsAreReadLiterally() {
        Path file =
                writeLines(
                        dir.resolve("d.jsonl"),
                        List.of("{\"doc.id\":\"x\",\"my.text\":\"t\",\"a.b\":1}"));

        Dataset<Row> rows =
                read(
                        InputSpec.of(file.toString())
                                .withTextCol("my.text")
                                .withIdCol("doc.id")
                                .withKeepCols(List.of("a.b")));

        assertThat(rows.columns())
                .containsExactly("id", "a.b", InternalColumns.TEXT, InternalColumns.INPUT_ERROR);
        assertThat(rows.collectAsList()).containsExactly(RowFactory.create("x", 1L, "t", null));
    }
}
