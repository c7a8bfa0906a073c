package dev.gpt1spark.inference;

import static dev.gpt1spark.testing.Tolerance.ABS;
import static dev.gpt1spark.testing.Tolerance.assertClose;
import static dev.gpt1spark.testing.Tolerance.assertRelative;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.testing.Goldens.Case;
import dev.gpt1spark.testing.ReferenceModels;
import dev.gpt1spark.testing.ReferenceModels.Blocks;
import dev.gpt1spark.testing.ReferenceModels.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scores, pooled embeddings and greedy continuations against the goldens: both activations, and the
 * fused and the op-by-op blocks alike. The original checkpoint format computes what the HF one does
 * bit for bit (GoldenForwardTest), so it is not run again here.
 */
class GoldenInferenceTest {

    static Stream<Arguments> cases() {
        return ReferenceModels.withBlocks()
                .flatMap(
                        rb -> {
                            Reference r = (Reference) rb.get()[0];
                            return r.golden().cases().stream()
                                    .map(c -> Arguments.of(r, rb.get()[1], c));
                        });
    }

    static Stream<Arguments> references() {
        return ReferenceModels.withBlocks();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void tokenLogProbsAndScore(Reference reference, Blocks blocks, Case golden) {
        try (Scorer scorer = new Scorer(reference.model(blocks), 0, 4096)) {
            long[] ids = golden.ids();
            float[] logProbs = scorer.tokenLogProbs(List.of(ids)).get(0);
            assertClose(
                    logProbs, golden.floats("next_token_logprob.npy"), ABS, "next_token_logprob");

            ScoreResult score = scorer.score(List.of(ids)).get(0);
            assertThat(score.nTokens()).isEqualTo(ids.length);
            assertThat(score.nScored()).isEqualTo(golden.json().get("n_predicted").asInt());
            assertRelative(score.nll(), golden.number("nll_sum"), 1e-5, "nll_sum");
            if (golden.number("nll_mean") == null) {
                assertThat(score.meanNll()).isNull();
                assertThat(score.perplexity()).isNull();
                assertThat(score.nll()).isZero();
            } else {
                assertRelative(score.meanNll(), golden.number("nll_mean"), 1e-5, "nll_mean");
                assertRelative(score.perplexity(), golden.number("ppl"), 1e-5, "ppl");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void meanAndLastTokenPooling(Reference reference, Blocks blocks, Case golden) {
        Gpt1Model model = reference.model(blocks);
        List<long[]> docs = List.of(golden.ids());
        assertClose(
                embed(model, Pooling.MEAN, docs).get(0),
                golden.floats("mean_pool.npy"),
                ABS,
                "mean_pool");
        assertClose(
                embed(model, Pooling.LAST, docs).get(0),
                golden.floats("last_token.npy"),
                ABS,
                "last_token");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("references")
    void allCasesInOneRightPaddedBatchEqualTheUnpaddedGoldens(Reference reference, Blocks blocks) {
        List<Case> cases = reference.golden().cases();
        List<long[]> docs = new ArrayList<>();
        cases.forEach(c -> docs.add(c.ids()));
        Gpt1Model model = reference.model(blocks);
        List<float[]> mean = embed(model, Pooling.MEAN, docs);
        List<float[]> last = embed(model, Pooling.LAST, docs);
        try (Scorer scorer = new Scorer(model, 0, 1 << 20)) {
            List<float[]> logProbs = scorer.tokenLogProbs(docs);
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                assertClose(mean.get(i), c.floats("mean_pool.npy"), ABS, c + " mean_pool");
                assertClose(last.get(i), c.floats("last_token.npy"), ABS, c + " last_token");
                assertClose(
                        logProbs.get(i), c.floats("next_token_logprob.npy"), ABS, c + " log-probs");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("references")
    void paddedBatchGoldens(Reference reference, Blocks blocks) {
        var golden = reference.golden();
        int[] ids = golden.paddedBatch("ids.npy").toIntArray();
        int width = (int) golden.paddedBatch("ids.npy").shape()[1];
        List<long[]> docs = new ArrayList<>();
        for (var length : golden.paddedBatchInfo().get("real_lengths")) {
            int row = docs.size();
            long[] doc = new long[length.asInt()];
            for (int j = 0; j < doc.length; j++) {
                doc[j] = ids[row * width + j];
            }
            docs.add(doc);
        }
        Gpt1Model model = reference.model(blocks);
        float[] mean = golden.paddedBatch("mean_pool.npy").toFloatArray();
        float[] last = golden.paddedBatch("last_token.npy").toFloatArray();
        int d = model.config().nEmbd();
        List<float[]> meanOut = embed(model, Pooling.MEAN, docs);
        List<float[]> lastOut = embed(model, Pooling.LAST, docs);
        for (int row = 0; row < docs.size(); row++) {
            assertClose(
                    meanOut.get(row),
                    java.util.Arrays.copyOfRange(mean, row * d, (row + 1) * d),
                    ABS,
                    "mean " + row);
            assertClose(
                    lastOut.get(row),
                    java.util.Arrays.copyOfRange(last, row * d, (row + 1) * d),
                    ABS,
                    "last " + row);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("references")
    void greedyContinuationsCachedUncachedAndBatched(Reference reference, Blocks blocks) {
        List<Prompt> prompts = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        for (Case c : reference.golden().cases()) {
            if (c.greedy() != null) {
                prompts.add(new Prompt(c.name(), c.ids()));
                expected.add(c.greedy());
            }
        }
        assertThat(prompts).hasSizeGreaterThanOrEqualTo(4);
        Gpt1Model model = reference.model(blocks);
        GenerationOptions cached = GenerationOptions.greedy(20);
        GenerationOptions uncached =
                new GenerationOptions(20, false, 1f, 0, 1f, 0L, 1f, List.of(), 8192, false);
        GenerationOptions oneAtATime =
                new GenerationOptions(20, false, 1f, 0, 1f, 0L, 1f, List.of(), 1, true);
        for (GenerationOptions options : List.of(cached, uncached, oneAtATime)) {
            List<Generation> out = new Generator(model, options).generate(prompts);
            for (int i = 0; i < prompts.size(); i++) {
                assertThat(out.get(i).continuationIds())
                        .as(
                                "%s %s %s cache=%s budget=%d",
                                reference,
                                blocks,
                                prompts.get(i).documentId(),
                                options.useCache(),
                                options.batchTokens())
                        .containsExactly(expected.get(i));
                assertThat(out.get(i).finishReason()).isEqualTo("length");
                assertThat(out.get(i).nPromptTokens()).isEqualTo(prompts.get(i).ids().length);
            }
        }
    }

    private static List<float[]> embed(Gpt1Model model, Pooling pooling, List<long[]> docs) {
        EmbedOptions options = new EmbedOptions(pooling, false, LongInput.TRUNCATE, 0, 1 << 20);
        try (Embedder embedder = new Embedder(model, options)) {
            List<float[]> out = new ArrayList<>();
            embedder.embed(docs).forEach(r -> out.add(r.embedding()));
            return out;
        }
    }
}
