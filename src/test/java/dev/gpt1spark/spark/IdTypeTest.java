package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's id column keeps the input's type, so results join back to the input table. */
class IdTypeTest extends SparkTestBase {
    @TempDir Path dir;

    private Dataset<Row> tokenize(Dataset<Row> input, String idCol) {
        String in = dir.resolve("in-" + idCol).toString();
        String out = dir.resolve("out-" + idCol).toString();
        input.write().parquet(in);
        JobRunner.run(
                spark,
                new JobOptions(
                        TaskSpec.of(TaskKind.TOKENIZE),
                        null,
                        null,
                        Precision.FP32,
                        InputSpec.of(in).withIdCol(idCol),
                        out,
                        OutputMode.ERROR,
                        3,
                        8,
                        0));
        return spark.read().parquet(out);
    }

    @Test
    void bigintIdsStayBigintAndJoinBack() {
        StructType schema =
                new StructType()
                        .add("doc_id", DataTypes.LongType)
                        .add("text", DataTypes.StringType);
        Dataset<Row> input =
                spark.createDataFrame(
                        List.of(
                                RowFactory.create(12345678901L, "first document"),
                                RowFactory.create(7L, "second"),
                                RowFactory.create(-3L, "third one")),
                        schema);

        Dataset<Row> out = tokenize(input, "doc_id");

        assertThat(out.schema().apply("id").dataType()).isEqualTo(DataTypes.LongType);
        List<Row> joined =
                input.join(out, input.col("doc_id").equalTo(out.col("id")))
                        .select("doc_id", "text", "n_tokens")
                        .orderBy("doc_id")
                        .collectAsList();
        assertThat(joined)
                .extracting(r -> r.getLong(0), r -> r.getString(1), r -> r.getInt(2))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(-3L, "third one", 2),
                        org.assertj.core.groups.Tuple.tuple(7L, "second", 1),
                        org.assertj.core.groups.Tuple.tuple(12345678901L, "first document", 2));
    }

    @Test
    void intAndDecimalIdsKeepTheirTypesOtherTypesBecomeStrings() {
        StructType schema =
                new StructType()
                        .add("n", DataTypes.IntegerType)
                        .add("amount", DataTypes.createDecimalType(10, 2))
                        .add("day", DataTypes.DateType)
                        .add("text", DataTypes.StringType);
        Dataset<Row> input =
                spark.createDataFrame(
                        List.of(
                                RowFactory.create(
                                        4,
                                        new BigDecimal("12.50"),
                                        java.sql.Date.valueOf("2024-02-29"),
                                        "a b")),
                        schema);

        assertThat(tokenize(input, "n").schema().apply("id").dataType())
                .isEqualTo(DataTypes.IntegerType);
        Dataset<Row> byAmount = tokenize(input, "amount");
        assertThat(byAmount.schema().apply("id").dataType())
                .isEqualTo(DataTypes.createDecimalType(10, 2));
        assertThat(byAmount.first().getDecimal(0)).isEqualByComparingTo("12.50");
        Dataset<Row> byDay = tokenize(input, "day");
        assertThat(byDay.schema().apply("id").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(byDay.first().getString(0)).isEqualTo("2024-02-29");
    }

    @Test
    void generatedIdsStayStrings() {
        StructType schema = new StructType().add("text", DataTypes.StringType);
        Dataset<Row> input =
                spark.createDataFrame(List.of(RowFactory.create("only text")), schema).coalesce(1);
        String in = dir.resolve("gen-in").toString();
        input.write().parquet(in);
        String out = dir.resolve("gen-out").toString();
        JobRunner.run(
                spark,
                new JobOptions(
                        TaskSpec.of(TaskKind.TOKENIZE),
                        null,
                        null,
                        Precision.FP32,
                        InputSpec.of(in),
                        out,
                        OutputMode.ERROR,
                        1,
                        8,
                        0));
        Dataset<Row> rows = spark.read().parquet(out);
        assertThat(rows.schema().apply("id").dataType()).isEqualTo(DataTypes.StringType);
        assertThat(rows.first().getString(0)).matches("part-.*\\.parquet:1");
    }
}
