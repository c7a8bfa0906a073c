package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.TorchThreads;
import dev.gpt1spark.testing.ReferenceModels;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Refill: a finished row's slot takes the next prompt, the batch's decode steps stay busy, and
 * every row's output is the one it gets without refill and alone (docs/batching.md).
 */
class GenerationRefillTest {
    private static final Gpt1Model MODEL = ReferenceModels.tinyHf();
    private static final int LONG_RUN = 49;

    private static GenerationOptions options(boolean sample, List<String> stop, int batchTokens) {
        return new GenerationOptions(
                LONG_RUN, sample, 0.9f, 0, 0.95f, 3L, 1f, stop, batchTokens, true);
    }

    /**
     * Long prompts that want 1 token (they end at their prefill) beside short ones that want 49:
     * the same cost to the planner (64 + 1 and 16 + 49 positions), so without refill they share
     * batches, and a batch runs 48 decode steps for its short rows while the long ones' slots idle.
     */
    private static List<Prompt> mixed(GenerationOptions base, int count) {
        SplittableRandom random = new SplittableRandom(5);
        List<Prompt> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            boolean early = i % 2 == 0;
            int length = early ? 60 + random.nextInt(4) : 9 + random.nextInt(7);
            long[] ids = random.longs(length, 1, 40_000).toArray();
            GenerationOptions own =
                    base.forRow(early ? 1 : LONG_RUN, 0.7f + 0.1f * (i % 3), 0.9f, 100 + i);
            prompts.add(new Prompt("doc-" + i, ids, 0, own));
        }
        return prompts;
    }

    private static List<Object> outputs(List<Generation> generations) {
        List<Object> out = new ArrayList<>();
        for (Generation g : generations) {
            out.add(
                    List.of(
                            g.continuation(),
                            LongStream.of(g.continuationIds()).boxed().toList(),
                            g.nGenerated(),
                            g.finishReason()));
        }
        return out;
    }

    private static void assertSameRows(List<Object> actual, List<Object> expected, String what) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("%s: row %d", what, i).isEqualTo(expected.get(i));
        }
    }

    @Test
    void finishedRowsSlotsTakeTheNextPromptsSoFewerDecodeStepsRun() {
        int slots = 4;
        GenerationOptions options = options(false, List.of(), slots * (64 + 1));
        List<Prompt> prompts = mixed(options, 24);

        Generator refilled = new Generator(MODEL, options);
        Generator batched = Generator.withoutRefill(MODEL, options);
        List<Generation> withRefill = refilled.generate(prompts);
        List<Generation> without = batched.generate(prompts);

        assertThat(outputs(withRefill)).isEqualTo(outputs(without));
        // 12 rows of 1 token (no decode step) and 12 of 49 (48 steps each)
        assertThat(refilled.occupancy().busyRowSteps()).isEqualTo(12 * 48);
        assertThat(batched.occupancy().busyRowSteps()).isEqualTo(12 * 48);
        // without refill: 6 batches of 4 rows, 2 of them idle, 48 steps each
        assertThat(batched.occupancy().decodeSteps()).isEqualTo(6 * 48);
        assertThat(batched.occupancy().rowSteps()).isEqualTo(6 * 48 * 4);
        // with it the 4 slots hold the long rows only (48 is a whole number of 16-step joins)
        assertThat(refilled.occupancy().decodeSteps()).isEqualTo(3 * 48);
        assertThat(refilled.occupancy().busyShare()).isEqualTo(1.0);
    }

    /**
     * At one torch thread, as a Spark task runs by default: with libtorch's two threads a row's
     * bits change with the rows beside it even without refill (docs/batching.md).
     */
    @Test
    void everyRowIsItsOwnWhateverTheSlotsAndWhenItJoined() throws Exception {
        ExecutorService task = Executors.newSingleThreadExecutor();
        try {
            task.submit(
                            () -> {
                                TorchThreads.set(1);
                                everyRowIsItsOwn();
                            })
                    .get();
        } finally {
            task.shutdown();
        }
    }

    private static void everyRowIsItsOwn() {
        for (boolean sample : new boolean[] {false, true}) {
            List<Prompt> plain = mixed(options(sample, List.of(), 8192), 16);
            // a stop string from one row's own text: rows ending on it free their slots early
            String stop =
                    new Generator(MODEL, options(sample, List.of(), 8192))
                            .generate(List.of(plain.get(1)))
                            .get(0)
                            .continuation()
                            .substring(8, 11);
            // every row alone, as a Spark task runs it
            GenerationOptions base = options(sample, List.of(stop), 8192);
            List<Prompt> prompts = mixed(base, 16);
            List<Object> alone = new ArrayList<>();
            for (Prompt p : prompts) {
                alone.addAll(outputs(new Generator(MODEL, base).generate(List.of(p))));
            }
            assertThat(alone).anySatisfy(g -> assertThat(g.toString()).contains("stop"));
            for (int slots : new int[] {1, 3, 5, 16}) {
                GenerationOptions budget = options(sample, List.of(stop), slots * (64 + 1));
                List<Prompt> rows = mixed(budget, 16);
                assertSameRows(
                        outputs(new Generator(MODEL, budget).generate(rows)),
                        alone,
                        "sample " + sample + ", " + slots + " slots");
                assertSameRows(
                        outputs(Generator.withoutRefill(MODEL, budget).generate(rows)),
                        alone,
                        "without refill, sample " + sample + ", " + slots + " slots");
            }
        }
    }
}
