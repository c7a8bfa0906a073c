package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.testing.ReferenceModels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Sampling, stop strings, penalties and prompt truncation on the tiny reference model. */
class GeneratorTest {
    private static final Gpt1Model MODEL = ReferenceModels.tinyHf();

    private static GenerationOptions sampling(long seed, int topK, float topP, int batchTokens) {
        return new GenerationOptions(
                12, true, 0.9f, topK, topP, seed, 1f, List.of(), batchTokens, true);
    }

    private static List<Prompt> prompts(int count) {
        List<Prompt> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int shift = i;
            long[] ids = LongStream.range(0, 3 + 5 * i).map(j -> 100 + 37 * j + shift).toArray();
            prompts.add(new Prompt("doc-" + i, ids));
        }
        return prompts;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> out = new ArrayList<>(list);
        java.util.Collections.reverse(out);
        return out;
    }

    private static List<long[]> ids(List<Generation> out) {
        List<long[]> ids = new ArrayList<>();
        out.forEach(g -> ids.add(g.continuationIds()));
        return ids;
    }

    @Test
    void samplingIsReproduciblePerDocumentWhateverTheBatching() {
        List<Prompt> prompts = prompts(5);
        List<long[]> together =
                ids(new Generator(MODEL, sampling(7, 0, 1f, 8192)).generate(prompts));
        List<long[]> alone = ids(new Generator(MODEL, sampling(7, 0, 1f, 1)).generate(prompts));
        List<long[]> reversed =
                ids(new Generator(MODEL, sampling(7, 0, 1f, 8192)).generate(reversed(prompts)));
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(alone.get(i)).isEqualTo(together.get(i));
            assertThat(reversed.get(prompts.size() - 1 - i)).isEqualTo(together.get(i));
        }
    }

    @Test
    void seedAndDocumentIdChooseTheStream() {
        Prompt p = prompts(1).get(0);
        Prompt sameTextOtherId = new Prompt("other", p.ids());
        long[] a = ids(new Generator(MODEL, sampling(7, 0, 1f, 8192)).generate(List.of(p))).get(0);
        long[] b = ids(new Generator(MODEL, sampling(8, 0, 1f, 8192)).generate(List.of(p))).get(0);
        long[] c =
                ids(new Generator(MODEL, sampling(7, 0, 1f, 8192))
                                .generate(List.of(sameTextOtherId)))
                        .get(0);
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void topKOfOneIsGreedy() {
        List<Prompt> prompts = prompts(3);
        List<long[]> greedy =
                ids(new Generator(MODEL, GenerationOptions.greedy(12)).generate(prompts));
        List<long[]> topOne = ids(new Generator(MODEL, sampling(3, 1, 1f, 8192)).generate(prompts));
        List<long[]> tinyNucleus =
                ids(new Generator(MODEL, sampling(3, 0, 1e-6f, 8192)).generate(prompts));
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(topOne.get(i)).isEqualTo(greedy.get(i));
            assertThat(tinyNucleus.get(i)).isEqualTo(greedy.get(i));
        }
    }

    @Test
    void stopStringCutsTheTextAndEndsTheRow() {
        Prompt prompt = prompts(1).get(0);
        Generation free =
                new Generator(MODEL, GenerationOptions.greedy(20)).generate(List.of(prompt)).get(0);
        String[] words = free.continuation().split(" ");
        assertThat(words.length).isGreaterThan(3);
        String stop = words[2];
        int cut = free.continuation().indexOf(stop);
        GenerationOptions options =
                new GenerationOptions(20, false, 1f, 0, 1f, 0L, 1f, List.of(stop), 8192, true);
        Generation stopped = new Generator(MODEL, options).generate(List.of(prompt)).get(0);
        assertThat(stopped.finishReason()).isEqualTo("stop");
        assertThat(stopped.continuation()).isEqualTo(free.continuation().substring(0, cut));
        assertThat(stopped.nGenerated()).isLessThan(20).isEqualTo(stopped.continuationIds().length);
        assertThat(free.continuationIds()).startsWith(stopped.continuationIds());
    }

    @Test
    void repetitionPenaltyChangesRepetitiveGreedyOutput() {
        // The reference model's greedy output repeats tokens (e.g. rand_len1 → 6316 6316 6316 …).
        Prompt prompt = new Prompt("p", new long[] {38247});
        Generation plain =
                new Generator(MODEL, GenerationOptions.greedy(20)).generate(List.of(prompt)).get(0);
        GenerationOptions penalised =
                new GenerationOptions(20, false, 1f, 0, 1f, 0L, 50f, List.of(), 8192, true);
        Generation out = new Generator(MODEL, penalised).generate(List.of(prompt)).get(0);
        long distinctPlain = LongStream.of(plain.continuationIds()).distinct().count();
        long distinctPenalised = LongStream.of(out.continuationIds()).distinct().count();
        assertThat(distinctPenalised).isGreaterThan(distinctPlain);
    }

    @Test
    void longPromptsKeepTheirLastTokens() {
        int nPositions = MODEL.config().nPositions();
        long[] longPrompt = LongStream.range(0, nPositions + 50).map(j -> 200 + j).toArray();
        long[] tail =
                java.util.Arrays.copyOfRange(
                        longPrompt, longPrompt.length - (nPositions - 10), longPrompt.length);
        GenerationOptions options = GenerationOptions.greedy(10);
        Generation truncated =
                new Generator(MODEL, options).generate(List.of(new Prompt("a", longPrompt))).get(0);
        Generation direct =
                new Generator(MODEL, options).generate(List.of(new Prompt("a", tail))).get(0);
        assertThat(truncated.nPromptTokens()).isEqualTo(nPositions - 10);
        assertThat(truncated.continuationIds()).isEqualTo(direct.continuationIds());
        assertThat(truncated.nGenerated()).isEqualTo(10);
    }

    @Test
    void rejectsSettingsThatCannotWork() {
        int nPositions = MODEL.config().nPositions();
        assertThatThrownBy(() -> new Generator(MODEL, GenerationOptions.greedy(nPositions)))
                .hasMessage(
                        "max new tokens "
                                + nPositions
                                + " leaves no room for a prompt: it must be below n_positions "
                                + nPositions);
        assertThatThrownBy(() -> new TemperatureSampler(0f, 0, 1f))
                .hasMessage("temperature must be > 0, got 0.0");
        assertThatThrownBy(() -> new TemperatureSampler(1f, 0, 1.5f))
                .hasMessage("top-p must be in (0, 1], got 1.5");
        assertThatThrownBy(
                        () ->
                                new Generator(MODEL, GenerationOptions.greedy(5))
                                        .generate(List.of(new Prompt("x", new long[0]))))
                .hasMessage("empty prompt for document x");
    }
}
