package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MicroBatchesTest {
    private static final int CALL = MicroBatches.FORWARD_CALL_POSITIONS;

    @Test
    void aLongSequenceDoesNotSetTheWidthOfManyShortOnes() {
        // one batch of four would compute 4 × 512 positions for 812 real ones
        List<int[]> groups = MicroBatches.plan(new int[] {100, 512, 100, 100}, 8192, CALL);

        assertThat(groups).containsExactly(new int[] {1}, new int[] {0, 2, 3});
    }

    @Test
    void equalLengthsFillBatchesUpToTheBudget() {
        int[] lengths = new int[10];
        Arrays.fill(lengths, 64);

        List<int[]> groups = MicroBatches.plan(lengths, 256, CALL);

        assertThat(groups).hasSize(3).allSatisfy(g -> assertThat(g.length).isLessThanOrEqualTo(4));
        assertEveryIndexOnce(groups, lengths.length);
    }

    @Test
    void aSequenceLongerThanTheBudgetRunsAlone() {
        List<int[]> groups = MicroBatches.plan(new int[] {40, 900, 40}, 512, CALL);

        assertThat(groups).containsExactly(new int[] {1}, new int[] {0, 2});
    }

    @Test
    void aLargeCallCostMakesTheFewestBatches() {
        // generation: every batch repeats its decode steps, so padding is the cheaper waste
        List<int[]> groups = MicroBatches.plan(new int[] {160, 40, 40, 40}, 8192, 4128);

        assertThat(groups).hasSize(1);
    }

    @Test
    void noSequencesMakeNoBatches() {
        assertThat(MicroBatches.plan(new int[0], 512, CALL)).isEmpty();
    }

    @Test
    void thePlanIsTheCheapestOfAllLengthSortedCuts() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + random.nextInt(10);
            int[] lengths = IntStream.range(0, n).map(i -> 1 + random.nextInt(300)).toArray();
            int budget = 64 + random.nextInt(1024);
            int call = random.nextInt(200);

            List<int[]> groups = MicroBatches.plan(lengths, budget, call);

            assertEveryIndexOnce(groups, n);
            for (int[] g : groups) {
                assertThat(g.length == 1 || (long) g.length * width(g, lengths) <= budget)
                        .as("batch within the budget")
                        .isTrue();
            }
            assertThat(cost(groups, lengths, call))
                    .isEqualTo(cheapestByBruteForce(lengths, budget, call));
        }
    }

    private static void assertEveryIndexOnce(List<int[]> groups, int n) {
        int[] all = groups.stream().flatMapToInt(Arrays::stream).sorted().toArray();
        assertThat(all).containsExactly(IntStream.range(0, n).toArray());
    }

    private static int width(int[] group, int[] lengths) {
        return Arrays.stream(group).map(i -> lengths[i]).max().orElseThrow();
    }

    private static long cost(List<int[]> groups, int[] lengths, int call) {
        long total = 0;
        for (int[] g : groups) {
            total += call + (long) g.length * width(g, lengths);
        }
        return total;
    }

    /** Tries every way to cut the longest-first order into consecutive batches. */
    private static long cheapestByBruteForce(int[] lengths, int budget, int call) {
        Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
        int n = order.length;
        long best = Long.MAX_VALUE;
        for (int cuts = 0; cuts < 1 << (n - 1); cuts++) {
            List<int[]> groups = new ArrayList<>();
            int start = 0;
            for (int i = 1; i <= n; i++) {
                if (i == n || (cuts >> (i - 1) & 1) == 1) {
                    groups.add(
                            Arrays.stream(order, start, i).mapToInt(Integer::intValue).toArray());
                    start = i;
                }
            }
            boolean fits =
                    groups.stream()
                            .allMatch(
                                    g ->
                                            g.length == 1
                                                    || (long) g.length * width(g, lengths)
                                                            <= budget);
            if (fits) {
                best = Math.min(best, cost(groups, lengths, call));
            }
        }
        return best;
    }
}
