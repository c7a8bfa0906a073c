package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.testing.ReferenceModels;
import dev.gpt1spark.testing.SlowTier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A document's results do not depend on the documents that share its micro-batches, to the bit:
 * every document of a corpus run together, half of them again shuffled among other documents, and a
 * dozen of them alone (docs/batching.md).
 */
@SlowTier
class BatchNeighboursTest {
    private static final int DOCUMENTS = 600;
    private static final int SAMPLED = 150;
    private static final int SCORED = 100;
    private static final int ALONE = 12;
    private static final Map<Precision, Gpt1Model> MODELS = new ConcurrentHashMap<>();

    /** Random token ids, 1 to 159 long: past n_positions (128) some take the window paths. */
    private static List<long[]> documents(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<long[]> documents = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            documents.add(random.longs(random.nextInt(1, 160), 1, 40_000).toArray());
        }
        return documents;
    }

    private static Gpt1Model model(Precision precision) {
        assumeTrue(precision.isNative(), precision.label() + " is not native on this CPU");
        return MODELS.computeIfAbsent(
                precision,
                p ->
                        Gpt1Model.load(
                                CheckpointReader.read(ReferenceModels.all().get(1).dir(), null),
                                p));
    }

    @AfterAll
    static void close() {
        MODELS.values().forEach(Gpt1Model::close);
    }

    /**
     * Runs {@code work} on the corpus; on every other document of it shuffled among a fifth as many
     * others, so that each meets other neighbours in batches of other shapes; and on a dozen
     * documents alone. Expects each document's result equal to its result in the corpus.
     */
    private static <T> void assertIndependentOfNeighbours(
            List<long[]> corpus, Function<List<long[]>, List<T>> work, Function<T, Object> value) {
        List<T> together = work.apply(corpus);
        assertThat(together).hasSize(corpus.size());

        List<long[]> strangers = documents(99, corpus.size() / 5);
        // an index below the corpus size is a corpus document, above it a stranger
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i += 2) {
            picked.add(i);
        }
        for (int i = 0; i < strangers.size(); i++) {
            picked.add(corpus.size() + i);
        }
        Collections.shuffle(picked, new Random(7));
        List<long[]> other =
                picked.stream()
                        .map(
                                i ->
                                        i < corpus.size()
                                                ? corpus.get(i)
                                                : strangers.get(i - corpus.size()))
                        .toList();
        List<T> elsewhere = work.apply(other);
        int compared = 0;
        int differ = 0;
        for (int k = 0; k < picked.size(); k++) {
            int i = picked.get(k);
            if (i < corpus.size()) {
                compared++;
                if (!equal(value.apply(together.get(i)), value.apply(elsewhere.get(k)))) {
                    differ++;
                }
            }
        }
        assertThat(differ)
                .as("documents whose result differs inside another corpus, of %d", compared)
                .isZero();

        int step = corpus.size() / ALONE;
        for (int i = 0; i < corpus.size(); i += step) {
            T alone = work.apply(List.of(corpus.get(i))).get(0);
            assertThat(equal(value.apply(alone), value.apply(together.get(i))))
                    .as("document %d alone and in the corpus", i)
                    .isTrue();
        }
    }

    private static boolean equal(Object a, Object b) {
        return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }

    @ParameterizedTest
    @EnumSource(names = {"FP32", "BF16", "INT8"})
    void generatedTokensAreTheDocumentsOwn(Precision precision) {
        Gpt1Model model = model(precision);
        List<long[]> corpus = documents(1, DOCUMENTS);
        // fp32's decode steps still change the last bits of a document's logits with its
        // neighbours (docs/batching.md): its tokens and its first token's log-probability (the
        // prompt's forward pass) are compared; the other precisions' every log-probability
        int exactLogprobs = precision == Precision.FP32 ? 1 : Integer.MAX_VALUE;
        for (boolean sample : new boolean[] {false, true}) {
            Generator generator =
                    new Generator(
                            model,
                            new GenerationOptions(
                                            sample ? 4 : 8,
                                            sample,
                                            1f,
                                            0,
                                            1f,
                                            5,
                                            1f,
                                            List.of(),
                                            GenerationOptions.BATCH_TOKENS,
                                            true)
                                    .withControls(0, 0, true));
            // fewer sampled: drawing a token sorts the whole vocabulary
            assertIndependentOfNeighbours(
                    sample ? corpus.subList(0, SAMPLED) : corpus,
                    docs -> generator.generate(prompts(docs)),
                    g ->
                            new Object[] {
                                g.continuationIds(),
                                Arrays.copyOf(
                                        g.tokenLogprobs(),
                                        Math.min(exactLogprobs, g.tokenLogprobs().length))
                            });
        }
    }

    /** Prompts named by their content, as a document's own seed is drawn from its id. */
    private static List<Prompt> prompts(List<long[]> documents) {
        return documents.stream().map(d -> new Prompt(Arrays.toString(d), d)).toList();
    }

    @ParameterizedTest
    @EnumSource(names = {"FP32", "BF16", "INT8"})
    void embeddingsAndScoresAreTheDocumentsOwn(Precision precision) {
        Gpt1Model model = model(precision);
        List<long[]> corpus = documents(2, DOCUMENTS);
        try (Embedder embedder =
                new Embedder(
                        model,
                        new EmbedOptions(
                                Pooling.MEAN,
                                false,
                                LongInput.WINDOW,
                                0,
                                MicroBatches.FORWARD_BATCH_TOKENS))) {
            assertIndependentOfNeighbours(corpus, embedder::embed, EmbeddingResult::embedding);
        }
        // fewer: scoring computes the whole vocabulary's logits at every token
        try (Scorer scorer = new Scorer(model, 0, MicroBatches.FORWARD_BATCH_TOKENS)) {
            assertIndependentOfNeighbours(
                    corpus.subList(0, SCORED), scorer::tokenLogProbs, lp -> lp);
        }
    }
}
