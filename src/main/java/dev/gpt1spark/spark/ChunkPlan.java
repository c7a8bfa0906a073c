package dev.gpt1spark.spark;

import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.LongInput;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The default number of chunks (tasks, output files) of a job: tasks of about {@link #TASK_SECONDS}
 * of work each, so that a lost executor costs minutes, not hours, and at least one per task slot of
 * the cluster. The work is estimated on the driver, before any model runs: tokens from each
 * document's characters ({@link #CHARS_PER_TOKEN} a token, cut where the command truncates), times
 * the model's FLOPs per token for the command, at {@link #CORE_FLOPS} per core: below what CPUs
 * reach, so tasks come out shorter than the target on fast machines, not longer.
 */
final class ChunkPlan {
    static final double TASK_SECONDS = 180;
    static final double CORE_FLOPS = 25e9;
    static final int CHARS_PER_TOKEN = 4;

    /**
     * A generated token costs several times its FLOPs: each decode step streams every weight for a
     * few rows, where a prompt's forward pass reuses them across hundreds of positions.
     */
    static final double DECODE_SLOWDOWN = 4;

    static final long MAX_CHUNKS = 100_000;

    private ChunkPlan() {}

    /** Chunks for a job over {@code rows} (rowsIn of them), from its estimated work. */
    static int forJob(
            SparkSession spark, Dataset<Row> rows, long rowsIn, TaskSpec spec, ModelConfig config) {
        long tokens = estimateTokens(rows, tokenCap(spec, config));
        return chunks(coreSeconds(spec, config, rowsIn, tokens), rowsIn, slots(spark));
    }

    /** At least one per slot, else one per {@link #TASK_SECONDS} of work; never an empty chunk. */
    static int chunks(double coreSeconds, long rows, int slots) {
        long byWork = (long) Math.ceil(coreSeconds / TASK_SECONDS);
        long chunks = Math.max(slots, byWork);
        return (int) Math.max(1, Math.min(chunks, Math.min(rows, MAX_CHUNKS)));
    }

    /** Seconds of one core to run {@code spec} over {@code rows} documents of {@code tokens}. */
    static double coreSeconds(TaskSpec spec, ModelConfig c, long rows, long tokens) {
        if (c == null || !spec.needsModel() || rows == 0) {
            return 0; // tokenize: the tokenizer's work is small next to any model's
        }
        double layers = c.nLayer();
        double width = c.nEmbd();
        double meanLength = Math.min((double) tokens / rows, c.nPositions());
        // matrix products 2 × 12·L·D² per token; attention 4·L·D per visible key, half the length
        double perToken = 24 * layers * width * width + 2 * layers * width * meanLength;
        double lmHead = 2 * width * c.vocabSize();
        double flops = tokens * perToken;
        if (spec.kind() == TaskKind.SCORE) {
            flops += tokens * lmHead;
        } else if (spec.kind() == TaskKind.GENERATE) {
            double steps = (double) rows * spec.get(TaskSettings.MAX_NEW_TOKENS);
            flops += steps * (perToken + lmHead) * DECODE_SLOWDOWN;
        }
        return flops / CORE_FLOPS;
    }

    /** Tokens the command reads of one document at most, or 0 for all of them. */
    static int tokenCap(TaskSpec spec, ModelConfig c) {
        if (c == null) {
            return 0;
        }
        return switch (spec.kind()) {
            case EMBED ->
                    LongInput.parse(spec.get(TaskSettings.LONG_INPUT)) == LongInput.TRUNCATE
                            ? c.nPositions()
                            : 0;
            case GENERATE -> c.nPositions() - spec.get(TaskSettings.MAX_NEW_TOKENS);
            case CLASSIFY -> c.nPositions();
            default -> 0; // score reads every token, in windows
        };
    }

    /** Task slots: the cluster's cores now (Spark's default parallelism) per task's cores. */
    static int slots(SparkSession spark) {
        int cores = spark.sparkContext().defaultParallelism();
        int taskCpus = Integer.parseInt(spark.conf().get("spark.task.cpus", "1"));
        return Math.max(1, cores / Math.max(1, taskCpus));
    }

    /** One pass over the corpus: characters of each text, cut at the cap, over 4. */
    static long estimateTokens(Dataset<Row> rows, int cap) {
        if (!rows.schema().apply(InternalColumns.TEXT).dataType().equals(DataTypes.StringType)) {
            return 0;
        }
        // least() skips nulls: a missing text must count 0, not the cap
        Column chars =
                functions.coalesce(
                        functions.length(functions.col(InternalColumns.TEXT)), functions.lit(0));
        if (cap > 0) {
            chars = functions.least(chars, functions.lit((long) cap * CHARS_PER_TOKEN));
        }
        Row sum = rows.agg(functions.sum(chars)).first();
        return sum.isNullAt(0) ? 0 : (sum.getLong(0) + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }
}
