package dev.gpt1spark.inference;

import static dev.gpt1spark.testing.Tolerance.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.testing.ReferenceModels;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Documents longer than n_positions: truncation, windows for embeddings, sliding-window scores. */
class LongInputTest {
    private static final Gpt1Model MODEL = ReferenceModels.tinyHf();
    private static final int P = MODEL.config().nPositions(); // 128
    private static final long[] DOC =
            LongStream.range(0, 300).map(j -> (j * 7919) % 40000 + 5).toArray();

    @Test
    void windowsFollowTheHuggingFacePerplexityLoop() {
        assertThat(Windows.of(300, 128, 64))
                .containsExactly(
                        new int[] {0, 128},
                        new int[] {64, 192},
                        new int[] {128, 256},
                        new int[] {192, 300});
        assertThat(Windows.of(100, 128, 64)).containsExactly(new int[] {0, 100});
        assertThat(Windows.of(128, 128, 64)).containsExactly(new int[] {0, 128});
    }

    @Test
    void slidingWindowScoresEachTokenOnceWithItsWindowsContext() {
        try (Scorer scorer = new Scorer(MODEL, 64, 4096)) {
            float[] lp = scorer.tokenLogProbs(List.of(DOC)).get(0);
            assertThat(lp).hasSize(DOC.length - 1);
            // Token t is scored in the first window reaching it: [0,128) for t < 128, then
            // [64,192), [128,256), [192,300). Check against each window run on its own.
            int[][] windows = {{0, 128, 1}, {64, 192, 128}, {128, 256, 192}, {192, 300, 256}};
            for (int[] w : windows) {
                float[] alone =
                        scorer.tokenLogProbs(List.of(Arrays.copyOfRange(DOC, w[0], w[1]))).get(0);
                for (int token = w[2]; token < w[1]; token++) {
                    assertThat(lp[token - 1])
                            .as("token %d", token)
                            .isCloseTo(
                                    alone[token - w[0] - 1],
                                    org.assertj.core.data.Offset.offset(1e-5f));
                }
            }
            ScoreResult score = scorer.score(List.of(DOC)).get(0);
            assertThat(score.nScored()).isEqualTo(299);
            assertThat(score.nTokens()).isEqualTo(300);
            double nll = 0;
            for (float x : lp) {
                nll -= x;
            }
            assertThat(score.nll()).isCloseTo(nll, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(score.perplexity())
                    .isCloseTo(
                            Math.exp(nll / 299),
                            org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
    }

    @Test
    void scoringRejectsAStrideWithoutContext() {
        assertThatThrownBy(() -> new Scorer(MODEL, P, 4096))
                .hasMessage("window stride 128 must be below n_positions 128");
    }

    @Test
    void truncatedEmbeddingIsTheEmbeddingOfTheFirstNPositionsTokens() {
        EmbedOptions options = new EmbedOptions(Pooling.MEAN, false, LongInput.TRUNCATE, 0, 4096);
        try (Embedder embedder = new Embedder(MODEL, options)) {
            EmbeddingResult whole = embedder.embed(List.of(DOC)).get(0);
            EmbeddingResult head = embedder.embed(List.of(Arrays.copyOf(DOC, P))).get(0);
            assertThat(whole.truncated()).isTrue();
            assertThat(whole.nWindows()).isEqualTo(1);
            assertThat(whole.nTokens()).isEqualTo(300);
            assertThat(whole.embedding()).isEqualTo(head.embedding());
            assertThat(head.truncated()).isFalse();
        }
    }

    @Test
    void windowedEmbeddingsCombineTheWindows() {
        int[][] windows = {{0, 128}, {64, 192}, {128, 256}, {192, 300}};
        float[][] perWindow = new float[windows.length][];
        for (Pooling pooling : Pooling.values()) {
            EmbedOptions options = new EmbedOptions(pooling, false, LongInput.WINDOW, 64, 4096);
            try (Embedder embedder = new Embedder(MODEL, options)) {
                EmbeddingResult r = embedder.embed(List.of(DOC)).get(0);
                assertThat(r.nWindows()).isEqualTo(4);
                assertThat(r.truncated()).isFalse();
                for (int w = 0; w < windows.length; w++) {
                    perWindow[w] =
                            embedder.embed(
                                            List.of(
                                                    Arrays.copyOfRange(
                                                            DOC, windows[w][0], windows[w][1])))
                                    .get(0)
                                    .embedding();
                }
                float[] expected = new float[perWindow[0].length];
                for (int j = 0; j < expected.length; j++) {
                    double mean = 0;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int w = 0; w < windows.length; w++) {
                        mean += (double) perWindow[w][j] * (windows[w][1] - windows[w][0]);
                        max = Math.max(max, perWindow[w][j]);
                    }
                    expected[j] =
                            pooling == Pooling.MEAN
                                    ? (float) (mean / (128 * 3 + 108))
                                    : pooling == Pooling.MAX ? max : perWindow[3][j];
                }
                assertClose(r.embedding(), expected, 1e-5, pooling + " windows");
            }
        }
    }

    @Test
    void normalizedEmbeddingsHaveUnitLength() {
        EmbedOptions options = new EmbedOptions(Pooling.MAX, true, LongInput.TRUNCATE, 0, 4096);
        try (Embedder embedder = new Embedder(MODEL, options)) {
            float[] v = embedder.embed(List.of(Arrays.copyOf(DOC, 40))).get(0).embedding();
            double norm = 0;
            for (float x : v) {
                norm += (double) x * x;
            }
            assertThat(Math.sqrt(norm)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        }
    }
}
