package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.testing.FailingCommitter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table output: rows staged with the per-chunk commit, then published to an Apache Iceberg table (a
 * Hadoop catalog on a local warehouse) in one commit, or to the session catalog.
 */
class TableOutputTest extends SparkTestBase {
    private static final int ROWS = 24;
    private static final String CATALOG = "spark.sql.catalog.lake";
    @TempDir static Path warehouse;
    @TempDir Path dir;
    private Path corpus;
    private Path staging;

    @BeforeAll
    static void icebergCatalog() {
        spark.conf().set(CATALOG, "org.apache.iceberg.spark.SparkCatalog");
        spark.conf().set(CATALOG + ".type", "hadoop");
        spark.conf().set(CATALOG + ".warehouse", warehouse.toUri().toString());
    }

    @AfterAll
    static void leaveTheSessionAsFound() {
        spark.conf().unset(CATALOG);
        spark.conf().unset(CATALOG + ".type");
        spark.conf().unset(CATALOG + ".warehouse");
    }

    @BeforeEach
    void writeCorpus() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            lines.add("{\"id\": " + i + ", \"text\": \"document " + i + " about ships\"}");
        }
        corpus = CorpusFiles.writeLines(dir.resolve("docs.jsonl"), lines);
        staging = dir.resolve("staging");
    }

    private JobOptions tokenize(String table, OutputMode mode) {
        return new JobOptions(
                TaskSpec.of(TaskKind.TOKENIZE),
                null,
                null,
                Precision.FP32,
                InputSpec.of(corpus.toString()),
                staging.toString(),
                mode,
                4,
                8,
                0,
                table,
                null,
                Map.of());
    }

    private long count(String table) {
        return spark.table(table).count();
    }

    private List<Row> snapshots(String table) {
        return spark.sql("SELECT summary FROM " + table + ".snapshots ORDER BY committed_at")
                .collectAsList();
    }

    @Test
    void anIcebergTableGetsEveryRowInOneSnapshotWithTheSummary() throws Exception {
        String table = "lake.db.created";
        JobRunner.run(spark, tokenize(table, OutputMode.ERROR));

        assertThat(count(table)).isEqualTo(ROWS);
        assertThat(spark.table(table).select("id").distinct().count()).isEqualTo(ROWS);
        assertThat(spark.table(table).schema().apply("id").dataType().typeName())
                .as("the id keeps its type")
                .isEqualTo("long");
        List<Row> snapshots = snapshots(table);
        assertThat(snapshots).as("one commit").hasSize(1);
        scala.collection.Map<String, String> summary = snapshots.get(0).getMap(0);
        assertThat(summary.get("gpt1.rows_in").get()).isEqualTo(String.valueOf(ROWS));
        assertThat(summary.get("gpt1.rows_out").get()).isEqualTo(String.valueOf(ROWS));
        assertThat(summary.get("gpt1.command").get()).isEqualTo("tokenize");
        assertThat(summary.get("gpt1.output_table").get()).isEqualTo(table);
        String publishId = summary.get(TableOutput.PROPERTY_PUBLISH_ID).get();
        assertThat(Files.exists(staging)).as("staging folder removed once published").isFalse();

        TableOutput out = TableOutput.of(spark, table);
        assertThat(out.isIceberg()).isTrue();
        assertThat(out.published(spark, publishId)).isTrue();
        assertThat(out.published(spark, "another job")).isFalse();

        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(table, OutputMode.ERROR)))
                .hasMessage(
                        "Cannot write table "
                                + table
                                + ": it exists; use mode append to add rows to it or mode"
                                + " overwrite to replace them");
        assertThat(Files.exists(staging)).as("refused before anything is written").isFalse();

        JobRunner.run(spark, tokenize(table, OutputMode.OVERWRITE));
        assertThat(count(table)).as("overwrite replaces the rows").isEqualTo(ROWS);
    }

    @Test
    void aFailedAppendLeavesTheTableAsItWasAndResumeAddsEveryRowOnce() throws Exception {
        String table = "lake.db.appended";
        JobRunner.run(spark, tokenize(table, OutputMode.APPEND)); // creates it

        try (AutoCloseable fault = FailingCommitter.on(spark, 2)) {
            assertThatThrownBy(() -> JobRunner.run(spark, tokenize(table, OutputMode.APPEND)))
                    .hasStackTraceContaining(FailingCommitter.message(2));
        }
        assertThat(count(table)).as("readers see none of the failed job's rows").isEqualTo(ROWS);
        assertThat(snapshots(table)).hasSize(1);
        assertThat(Files.exists(staging.resolve(OutputFolder.JOB_FILE))).isTrue();

        JobRunner.run(spark, tokenize(table, OutputMode.RESUME));
        assertThat(count(table)).isEqualTo(2L * ROWS);
        assertThat(snapshots(table)).as("the resumed job's rows in one commit").hasSize(2);
        assertThat(spark.table(table).groupBy("id").count().filter("count != 2").count())
                .as("every id once per job")
                .isZero();

        assertThatThrownBy(() -> JobRunner.run(spark, tokenize(table, OutputMode.RESUME)))
                .hasMessage(
                        "Cannot resume the job of table "
                                + table
                                + ": its staging folder "
                                + staging
                                + " holds no job (it finished and published, or never started)");
        assertThat(count(table)).isEqualTo(2L * ROWS);
    }

    @Test
    void aSessionCatalogTableGetsTheRowsAndTheSummaryAsAProperty() {
        String table = "gpt1_tokens";
        try {
            JobRunner.run(spark, tokenize(table, OutputMode.ERROR));
            assertThat(count(table)).isEqualTo(ROWS);
            TableOutput out = TableOutput.of(spark, table);
            assertThat(out.isIceberg()).isFalse();
            List<Row> rowsOut =
                    spark.sql("SHOW TBLPROPERTIES " + table + " ('gpt1.rows_out')").collectAsList();
            assertThat(rowsOut.get(0).getString(1)).isEqualTo(String.valueOf(ROWS));
        } finally {
            spark.sql("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void anIcebergTableIsACorpusAndResumeRefusesItOnceItChanged() {
        String source = "lake.db.corpus";
        spark.sql("CREATE TABLE " + source + " (id bigint, body string) USING iceberg");
        spark.sql(
                "INSERT INTO "
                        + source
                        + " SELECT id, concat('document ', id, ' about ships') FROM range("
                        + ROWS
                        + ")");
        InputSpec table = InputSpec.table(source).withTextCol("body");
        JobOptions job =
                new JobOptions(
                        TaskSpec.of(TaskKind.TOKENIZE),
                        null,
                        null,
                        Precision.FP32,
                        table,
                        staging.toString(),
                        OutputMode.ERROR,
                        4,
                        8,
                        0);
        try (AutoCloseable fault = FailingCommitter.on(spark, 1)) {
            assertThatThrownBy(() -> JobRunner.run(spark, job))
                    .hasStackTraceContaining(FailingCommitter.message(1));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        JobOptions resume =
                new JobOptions(
                        job.spec(),
                        null,
                        null,
                        Precision.FP32,
                        table,
                        staging.toString(),
                        OutputMode.RESUME,
                        0,
                        8,
                        0);
        Object rowsOut = JobRunner.run(spark, resume).get("rows_out");
        assertThat(rowsOut).isEqualTo((long) ROWS);
        assertThat(
                        spark.read()
                                .parquet(staging.toString())
                                .schema()
                                .apply("id")
                                .dataType()
                                .typeName())
                .isEqualTo("long");

        spark.sql("INSERT INTO " + source + " VALUES (" + ROWS + ", 'one more')");
        assertThatThrownBy(() -> JobRunner.run(spark, resume))
                .hasMessageStartingWith("Cannot resume " + staging + ": input file ")
                .hasMessageEndingWith(
                        " is new since the run started; use mode overwrite to start again");

        assertThatThrownBy(
                        () -> CorpusReader.open(spark, InputSpec.table(source).withIdCol("doc_id")))
                .hasMessage(
                        "Cannot read table "
                                + source
                                + ": it has no id column \"doc_id\" (columns: id, body); name one"
                                + " with id-col");
    }

    @Test
    void appendIsForTablesOnly() {
        assertThatThrownBy(() -> OutputMode.parse("append", false))
                .hasMessage(
                        "Cannot set mode to append, expected error, overwrite or resume (append"
                                + " is for output-table)")
                .isInstanceOfSatisfying(
                        SettingText.Carrier.class,
                        e ->
                                assertThat(e.message(Spelling.FLAG))
                                        .as("the command line spells the settings as its flags")
                                        .isEqualTo(
                                                "Cannot set --mode to append, expected error,"
                                                        + " overwrite or resume (append is for"
                                                        + " --output-table)"));
        assertThatThrownBy(() -> OutputMode.parse("merge", true))
                .hasMessage(
                        "Cannot set mode to merge, expected error, overwrite, resume or append");
        assertThat(OutputMode.parse("append", true)).isEqualTo(OutputMode.APPEND);
    }
}
