package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.model.Precision;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import dev.gpt1spark.testing.ReferenceModels;
import dev.gpt1spark.testing.SlowTier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress line counts work of running tasks (their executors' heartbeats carry it), and the
 * driver's work estimate reads the corpus. Its own session: heartbeats every 200 ms.
 */
@SlowTier
class ProgressWhileTasksRunTest {
    private static final String MODEL = ReferenceModels.all().get(1).dir().toString();
    private static final Pattern DOCUMENTS = Pattern.compile("\\] ([\\d,]+)/([\\d,]+) documents");
    private static final int DOCS = 600;
    private static SparkSession spark;
    @TempDir static Path dir;

    @BeforeAll
    static void startSpark() {
        // getOrCreate would hand back a session another test class left running, with Spark's
        // 10 s heartbeats; the shared one (SparkTestBase) starts again when next asked for.
        if (SparkSession.getDefaultSession().isDefined()) {
            SparkSession.getDefaultSession().get().stop();
        }
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
        spark =
                SparkSession.builder()
                        .master("local[1]")
                        .appName("gpt1-progress-test")
                        .config("spark.ui.enabled", "false")
                        .config("spark.driver.host", "127.0.0.1")
                        .config("spark.driver.bindAddress", "127.0.0.1")
                        .config("spark.executor.heartbeatInterval", "200ms")
                        .getOrCreate();
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
        SparkSession.clearActiveSession();
        SparkSession.clearDefaultSession();
    }

    @Test
    void progressReportsDocumentsOfTheOneTaskBeforeItFinishes() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < DOCS; i++) {
            lines.add("{\"id\":\"d" + i + "\",\"text\":\"Chapter " + i + " of the long voyage\"}");
        }
        Path corpus = dir.resolve("corpus.jsonl");
        Files.write(corpus, lines, StandardCharsets.UTF_8);
        JobOptions job =
                new JobOptions(
                        TaskSpec.of(TaskKind.GENERATE).with(TaskSettings.MAX_NEW_TOKENS, 32),
                        MODEL,
                        null,
                        Precision.FP32,
                        InputSpec.of(corpus.toString()),
                        dir.resolve("out").toString(),
                        OutputMode.ERROR,
                        1, // one task: until it ends, only its heartbeats can show work
                        8,
                        1);
        List<String> progress = new CopyOnWriteArrayList<>();
        Logger logger = (Logger) LogManager.getLogger(ProgressReporter.class);
        AbstractAppender capture =
                new AbstractAppender("progress-capture", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        progress.add(event.getMessage().getFormattedMessage());
                    }
                };
        capture.start();
        Level level = logger.getLevel();
        logger.addAppender(capture);
        logger.setLevel(Level.INFO);
        Map<String, Object> summary;
        try {
            summary = JobRunner.run(spark, job);
        } finally {
            logger.removeAppender(capture);
            logger.setLevel(level);
        }
        assertThat(summary.get("rows_out")).isEqualTo((long) DOCS);
        long firstWork = -1;
        for (String line : progress) {
            Matcher m = DOCUMENTS.matcher(line);
            assertThat(m.find()).as(line).isTrue();
            assertThat(m.group(2).replace(",", "")).isEqualTo(String.valueOf(DOCS));
            long done = Long.parseLong(m.group(1).replace(",", ""));
            if (done > 0) {
                firstWork = done;
                break;
            }
        }
        assertThat(firstWork)
                .as("documents in the first line that shows any, of " + progress)
                .isBetween(1L, DOCS - 1L);
    }

    @Test
    void tokensAreEstimatedFromCharactersCutAtTheCap() {
        StructType schema = new StructType().add(InternalColumns.TEXT, DataTypes.StringType, true);
        Dataset<Row> rows =
                spark.createDataFrame(
                        List.of(
                                RowFactory.create("a".repeat(40)),
                                RowFactory.create("b".repeat(4_000)),
                                RowFactory.create((Object) null)),
                        schema);
        assertThat(ChunkPlan.estimateTokens(rows, 0)).isEqualTo(1_010);
        assertThat(ChunkPlan.estimateTokens(rows, 100)).isEqualTo(110); // 40/4 + 400/4
    }
}
