package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.testing.ReferenceModels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Log-probabilities, n-gram blocking and a minimum length on the tiny reference model. */
class GenerationControlsTest {
    private static final Gpt1Model MODEL = ReferenceModels.tinyHf();
    // The reference model's greedy output repeats tokens from this prompt (6316 6316 6316 …).
    private static final Prompt REPETITIVE = new Prompt("p", new long[] {38247});
    private static final Prompt PROSE =
            new Prompt("q", LongStream.range(0, 8).map(j -> 100 + 37 * j).toArray());

    private static Generation generate(GenerationOptions options, Prompt prompt) {
        return new Generator(MODEL, options).generate(List.of(prompt)).get(0);
    }

    @Test
    void logprobsAreWhatScoringTheSameTokensGives() {
        Generation g = generate(GenerationOptions.greedy(12).withControls(0, 0, true), PROSE);
        assertThat(g.continuationIds())
                .isEqualTo(generate(GenerationOptions.greedy(12), PROSE).continuationIds());
        assertThat(g.tokenLogprobs()).hasSize(g.nGenerated());

        long[] whole =
                LongStream.concat(LongStream.of(PROSE.ids()), LongStream.of(g.continuationIds()))
                        .toArray();
        float[] scored;
        try (Scorer scorer = new Scorer(MODEL, 0, 8192)) {
            scored = scorer.tokenLogProbs(List.of(whole)).get(0); // for tokens 1 … T−1
        }
        double sum = 0;
        for (int i = 0; i < g.nGenerated(); i++) {
            float expected = scored[PROSE.ids().length - 1 + i];
            assertThat(g.tokenLogprobs()[i]).as("token %d", i).isCloseTo(expected, within(1e-3f));
            assertThat(g.tokenLogprobs()[i]).isLessThanOrEqualTo(0f);
            sum += g.tokenLogprobs()[i];
        }
        assertThat(g.cumulativeLogprob()).isCloseTo(sum, within(1e-9));
        assertThat(generate(GenerationOptions.greedy(12), PROSE).cumulativeLogprob()).isNull();
    }

    @Test
    void askingForLogprobsLeavesSampledTextUnchanged() {
        GenerationOptions sampling =
                new GenerationOptions(12, true, 0.9f, 0, 1f, 5L, 1f, List.of(), 8192, true);
        assertThat(generate(sampling.withControls(0, 0, true), PROSE).continuationIds())
                .isEqualTo(generate(sampling, PROSE).continuationIds());
    }

    @Test
    void noNgramOfTheBlockedSizeOccursTwice() {
        Generation plain = generate(GenerationOptions.greedy(20), REPETITIVE);
        assertThat(repeatedNgrams(plain, 2)).isPositive();

        Generation bigrams =
                generate(GenerationOptions.greedy(20).withControls(0, 2, false), REPETITIVE);
        assertThat(bigrams.nGenerated()).isEqualTo(20);
        assertThat(repeatedNgrams(bigrams, 2)).isZero();

        Generation unigrams =
                generate(GenerationOptions.greedy(20).withControls(0, 1, false), REPETITIVE);
        assertThat(repeatedNgrams(unigrams, 1)).isZero();
    }

    @Test
    void aStopStringEndsTheTextOnlyAfterTheMinimumLength() {
        Generation free = generate(GenerationOptions.greedy(30), PROSE);
        String[] words = free.continuation().split(" ");
        String stop = words[1];
        GenerationOptions stopping =
                new GenerationOptions(30, false, 1f, 0, 1f, 0L, 1f, List.of(stop), 8192, true);
        Generation early = generate(stopping, PROSE);
        assertThat(early.finishReason()).isEqualTo("stop");
        int min = early.nGenerated() + 3;

        Generation later = generate(stopping.withControls(min, 0, false), PROSE);
        assertThat(later.nGenerated()).isGreaterThanOrEqualTo(min);
        assertThat(free.continuationIds()).startsWith(later.continuationIds());
        String minText =
                MODEL.tokenizer().decode(java.util.Arrays.copyOf(free.continuationIds(), min));
        if (later.finishReason().equals("stop")) {
            assertThat(later.continuation().length() + stop.length())
                    .isGreaterThan(minText.length());
        } else {
            assertThat(later.nGenerated()).isEqualTo(30);
        }
    }

    @Test
    void rejectsControlsThatCannotWork() {
        assertThatThrownBy(() -> GenerationOptions.greedy(5).withControls(6, 0, false))
                .hasMessage("min new tokens must be in [0, max new tokens 5], got 6");
        assertThatThrownBy(() -> GenerationOptions.greedy(5).withControls(0, -1, false))
                .hasMessage("no repeat ngram size must be >= 0, got -1");
    }

    /** n-grams of prompt + continuation that occur more than once. */
    private static int repeatedNgrams(Generation g, int n) {
        List<Long> all = new ArrayList<>();
        LongStream.of(REPETITIVE.ids()).forEach(all::add);
        LongStream.of(g.continuationIds()).forEach(all::add);
        Set<List<Long>> seen = new HashSet<>();
        int repeats = 0;
        for (int i = 0; i + n <= all.size(); i++) {
            if (!seen.add(List.copyOf(all.subList(i, i + n)))) {
                repeats++;
            }
        }
        return repeats;
    }
}
