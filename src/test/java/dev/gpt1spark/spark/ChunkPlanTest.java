package dev.gpt1spark.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.task.TaskKind;
import dev.gpt1spark.task.TaskSettings;
import dev.gpt1spark.task.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Default chunk counts: tasks of about three minutes of estimated work, one per slot at least. */
class ChunkPlanTest {
    /** The released GPT-1's shape. */
    private static final ModelConfig GPT1 =
            new ModelConfig(12, 12, 768, 512, 40478, Activation.GELU_TANH, 1e-5, List.of());

    private static final TaskSpec EMBED = TaskSpec.of(TaskKind.EMBED);
    private static final TaskSpec SCORE = TaskSpec.of(TaskKind.SCORE);
    private static final TaskSpec GENERATE_64 =
            TaskSpec.of(TaskKind.GENERATE).with(TaskSettings.MAX_NEW_TOKENS, 64);

    private static int chunks(TaskSpec spec, long documents, long tokens, int slots) {
        return ChunkPlan.chunks(
                ChunkPlan.coreSeconds(spec, GPT1, documents, tokens), documents, slots);
    }

    @Test
    void embedCorporaOfSeveralSizesGetTasksOfMinutes() {
        // documents of 128 tokens: 172 MFLOP a token at 25 GFLOP/s a core, 180 s a task
        assertThat(chunks(EMBED, 1_000, 128_000, 8)).isEqualTo(8); // 882 s of work: 1 per slot
        assertThat(chunks(EMBED, 100_000, 12_800_000, 8)).isEqualTo(490);
        assertThat(chunks(EMBED, 1_000_000, 128_000_000, 8)).isEqualTo(4_899);
        assertThat(chunks(EMBED, 1_000_000, 128_000_000, 1_000)).isEqualTo(4_899);
    }

    @Test
    void generatedTokensAndTheLanguageModelHeadCount() {
        assertThat(chunks(GENERATE_64, 1_000, 32_000, 2)).isEqualTo(15);
        assertThat(chunks(SCORE, 10_000, 3_000_000, 2)).isEqualTo(159);
        assertThat(chunks(EMBED, 10_000, 3_000_000, 2)).isEqualTo(117);
    }

    @Test
    void neverMoreChunksThanRowsNorFewerThanOne() {
        assertThat(chunks(EMBED, 3, 300, 8)).isEqualTo(3);
        assertThat(chunks(EMBED, 0, 0, 8)).isEqualTo(1);
        assertThat(chunks(TaskSpec.of(TaskKind.TOKENIZE), 50_000_000, 0, 4)).isEqualTo(4);
        assertThat(ChunkPlan.chunks(1e12, 10_000_000_000L, 8)).isEqualTo(100_000);
    }

    @Test
    void tokensAreCutWhereTheCommandTruncates() {
        assertThat(ChunkPlan.tokenCap(EMBED, GPT1)).isEqualTo(512);
        assertThat(ChunkPlan.tokenCap(GENERATE_64, GPT1)).isEqualTo(448);
        assertThat(ChunkPlan.tokenCap(SCORE, GPT1)).isZero(); // windows: all
    }
}
