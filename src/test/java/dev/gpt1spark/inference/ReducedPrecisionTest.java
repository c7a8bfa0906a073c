package dev.gpt1spark.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import dev.gpt1spark.testing.Goldens.Case;
import dev.gpt1spark.testing.ReferenceModels;
import dev.gpt1spark.testing.ReferenceModels.Reference;
import dev.gpt1spark.testing.SharedFixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fp16 and bf16 against the float32 goldens, with the accuracy bar that decides the default
 * precision: mean-pooled embeddings at cosine ≥ 0.9999 and the goldens' greedy ids unchanged. fp16
 * meets it; bf16 (reached through TorchScript, DJL 0.36 has no bf16 dtype) keeps the embeddings but
 * not the greedy ids of this random-weight model, whose top logits are close.
 */
class ReducedPrecisionTest {
    private static final Reference REFERENCE = ReferenceModels.all().get(1); // tiny-hf
    private static Gpt1Model fp16;
    private static Gpt1Model bf16;

    @BeforeAll
    static void load() {
        var checkpoint = CheckpointReader.read(SharedFixtures.reference().resolve("tiny-hf"));
        fp16 = Gpt1Model.load(checkpoint, Precision.FP16);
        bf16 = Gpt1Model.load(checkpoint, Precision.BF16);
    }

    @AfterAll
    static void close() {
        fp16.close();
        bf16.close();
    }

    @Test
    void weightsAreCastAtLoad() {
        assertThat(fp16.precision()).isEqualTo(Precision.FP16);
        assertThat(fp16.network().getParameters().get(0).getValue().getArray().getDataType())
                .isEqualTo(ai.djl.ndarray.types.DataType.FLOAT16);
        assertThat(bf16.network().precision()).isEqualTo(Precision.BF16);
    }

    @Test
    void fp16MeanPooledEmbeddingsMeetTheCosineBar() {
        assertPooledCosineBar(fp16);
    }

    @Test
    void bf16MeanPooledEmbeddingsMeetTheCosineBar() {
        assertPooledCosineBar(bf16);
    }

    private static void assertPooledCosineBar(Gpt1Model model) {
        List<Case> cases = REFERENCE.golden().cases();
        List<long[]> docs = new ArrayList<>();
        cases.forEach(c -> docs.add(c.ids()));
        EmbedOptions options = new EmbedOptions(Pooling.MEAN, false, LongInput.TRUNCATE, 0, 4096);
        try (Embedder embedder = new Embedder(model, options)) {
            List<EmbeddingResult> out = embedder.embed(docs);
            for (int i = 0; i < cases.size(); i++) {
                float[] golden = cases.get(i).floats("mean_pool.npy");
                assertThat(cosine(out.get(i).embedding(), golden))
                        .as(cases.get(i).name())
                        .isGreaterThanOrEqualTo(0.9999);
            }
        }
    }

    @Test
    void fp16KeepsTheGoldenGreedyIds() {
        List<Prompt> prompts = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        for (Case c : REFERENCE.golden().cases()) {
            if (c.greedy() != null) {
                prompts.add(new Prompt(c.name(), c.ids()));
                expected.add(c.greedy());
            }
        }
        List<Generation> out = new Generator(fp16, GenerationOptions.greedy(20)).generate(prompts);
        for (int i = 0; i < prompts.size(); i++) {
            assertThat(out.get(i).continuationIds())
                    .as(prompts.get(i).documentId())
                    .containsExactly(expected.get(i));
        }
    }

    @Test
    void bf16GeneratesEveryTokenWithAndWithoutTheCache() {
        List<Prompt> prompts = List.of(new Prompt("a", REFERENCE.golden().cases().get(1).ids()));
        for (boolean cache : List.of(true, false)) {
            GenerationOptions options =
                    new GenerationOptions(8, false, 1f, 0, 1f, 0L, 1f, List.of(), 8192, cache);
            Generation out = new Generator(bf16, options).generate(prompts).get(0);
            assertThat(out.continuationIds()).hasSize(8);
            assertThat(out.finishReason()).isEqualTo("length");
        }
    }

    @Test
    void reducedPrecisionScoresStayCloseToFloat32() {
        long[] ids =
                REFERENCE.golden().cases().stream()
                        .map(Case::ids)
                        .max(java.util.Comparator.comparingInt(c -> c.length))
                        .orElseThrow();
        assertThat(ids.length).isGreaterThan(10);
        try (Scorer exact = new Scorer(REFERENCE.model(), 0, 4096);
                Scorer half = new Scorer(fp16, 0, 4096);
                Scorer brain = new Scorer(bf16, 0, 4096)) {
            double a = exact.score(List.of(ids)).get(0).nll();
            assertThat(Math.abs(a - half.score(List.of(ids)).get(0).nll()) / a).isLessThan(1e-3);
            assertThat(Math.abs(a - brain.score(List.of(ids)).get(0).nll()) / a).isLessThan(1e-2);
        }
    }

    @Test
    void precisionNames() {
        assertThat(Precision.parse("BF16")).isEqualTo(Precision.BF16);
        assertThat(Precision.DEFAULT).isEqualTo(Precision.FP32);
        assertThatThrownBy(() -> Precision.parse("int4")).hasMessageContaining("unknown precision");
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int j = 0; j < a.length; j++) {
            dot += (double) a[j] * b[j];
            na += (double) a[j] * a[j];
            nb += (double) b[j] * b[j];
        }
        return dot / Math.sqrt(na * nb);
    }
}
