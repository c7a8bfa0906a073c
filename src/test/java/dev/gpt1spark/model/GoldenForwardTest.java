package dev.gpt1spark.model;

import static dev.gpt1spark.testing.Tolerance.ABS;
import static dev.gpt1spark.testing.Tolerance.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.testing.Goldens.Case;
import dev.gpt1spark.testing.ReferenceModels;
import dev.gpt1spark.testing.ReferenceModels.Blocks;
import dev.gpt1spark.testing.ReferenceModels.Reference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hidden states, logits and top-5 against the reference goldens: both checkpoint formats (the
 * original one as the HF one, bit for bit), both activations (a tanh/erf mix-up moves hidden_last
 * by 8e-4, past the 1e-4 tolerance), and the fused and the op-by-op blocks alike.
 */
class GoldenForwardTest {

    static Stream<Arguments> cases() {
        return ReferenceModels.withBlocks()
                .flatMap(
                        rb -> {
                            Reference r = (Reference) rb.get()[0];
                            return r.golden().cases().stream()
                                    .map(c -> Arguments.of(r, rb.get()[1], c));
                        });
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void hiddenStatesLogitsAndTopK(Reference reference, Blocks blocks, Case golden) {
        Gpt1Model model = reference.model(blocks);
        assertThat(model.network().fused()).as("fused").isEqualTo(blocks == Blocks.FUSED);
        long[] ids = golden.ids();
        int t = ids.length;
        int vocab = model.config().vocabSize();
        try (NDManager manager = model.newManager()) {
            NDArray input = manager.create(ids, new Shape(1, t));
            NDArray hidden = model.network().hiddenStates(input, null, null, null); // (1, T, D)
            assertClose(
                    hidden.toFloatArray(), golden.floats("hidden_last.npy"), ABS, "hidden_last");

            NDArray logits = model.network().lmLogits(hidden).squeeze(0); // (T, V)
            float[] last = logits.get(new NDIndex("{}", t - 1)).toFloatArray();
            assertClose(last, golden.floats("logits_last.npy"), ABS, "logits_last");

            float[] all = logits.toFloatArray();
            int[] topIds = golden.ints("topk_ids.npy");
            float[] topLogits = golden.floats("topk_logits.npy");
            for (int pos = 0; pos < t; pos++) {
                for (int k = 0; k < 5; k++) {
                    int expected = topIds[pos * 5 + k];
                    float expectedLogit = topLogits[pos * 5 + k];
                    // The golden id's logit must match, and no other token may beat it by more
                    // than a tie's width.
                    assertThat(all[pos * vocab + expected])
                            .as("logit of top-%d id %d at %d", k + 1, expected, pos)
                            .isCloseTo(
                                    expectedLogit,
                                    org.assertj.core.data.Offset.offset((float) ABS));
                    int rank = 0;
                    for (int id = 0; id < vocab; id++) {
                        if (all[pos * vocab + id] > expectedLogit + 1e-5) {
                            rank++;
                        }
                    }
                    assertThat(rank)
                            .as("rank of top-%d id %d at %d", k + 1, expected, pos)
                            .isLessThanOrEqualTo(k);
                }
            }
        }
    }

    /**
     * Model A in the original format computes what it computes in the HF format, bit for bit, so
     * the golden tests (here and in GoldenInferenceTest) run the HF one only.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Blocks.class)
    void theOriginalFormatComputesExactlyWhatTheHfFormatDoes(Blocks blocks) {
        Reference openai = ReferenceModels.all().get(0);
        Reference hf = ReferenceModels.all().get(1);
        assertThat(openai.golden().cases()).isNotEmpty();
        for (Case golden : openai.golden().cases()) {
            float[][] expected = hiddenAndLogits(hf.model(blocks), golden.ids());
            float[][] actual = hiddenAndLogits(openai.model(blocks), golden.ids());
            assertThat(actual[0]).as("%s hidden", golden).isEqualTo(expected[0]);
            assertThat(actual[1]).as("%s logits", golden).isEqualTo(expected[1]);
        }
    }

    private static float[][] hiddenAndLogits(Gpt1Model model, long[] ids) {
        try (NDManager manager = model.newManager()) {
            NDArray input = manager.create(ids, new Shape(1, ids.length));
            NDArray hidden = model.network().hiddenStates(input, null, null, null); // (1, T, D)
            NDArray logits = model.network().lmLogits(hidden); // (1, T, V)
            return new float[][] {hidden.toFloatArray(), logits.toFloatArray()};
        }
    }
}
