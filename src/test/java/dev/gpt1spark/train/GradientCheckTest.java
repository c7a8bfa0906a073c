package dev.gpt1spark.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.config.Activation;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Model;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The block's autograd gradients against central finite differences, in float64: with h = 1e-6 the
 * quotient's truncation error is ~h² and its rounding error ~ε·|L|/h ≈ 2e-16·11/1e-6 ≈ 2e-9, so the
 * tolerance is 1e-6 relative plus 1e-8 absolute. A wrong gradient (a missing term, an in-place op
 * that corrupts autograd's saved tensors) is off by far more.
 */
class GradientCheckTest {
    private static final double H = 1e-6;

    @Test
    void gradientsOfTheFineTuningLossMatchFiniteDifferences() {
        ModelConfig config =
                new ModelConfig(
                        2, 2, 8, 8, 40478, Activation.GELU_TANH, 1e-5, List.of("no", "yes"));
        // two rows of different lengths, so padding and the last-token head are both exercised
        TokenBatch batch = new TokenBatch(List.of(new long[] {5, 17, 9, 3}, new long[] {11, 2}));
        int[] labels = {1, 0};
        try (Gpt1Model model =
                Gpt1Model.loadTrainable(RandomInit.create(config, 3), DataType.FLOAT64)) {
            Map<String, NDArray> params = new LinkedHashMap<>();
            model.network().forEachParameter((name, p) -> params.put(name, p.getArray()));

            // finite differences first: perturbing a leaf that requires gradients is refused
            Map<String, double[]> numeric = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                long[] probes = probes(e.getKey(), e.getValue());
                double[] slopes = new double[probes.length];
                for (int i = 0; i < probes.length; i++) {
                    slopes[i] = centralDifference(model, e.getValue(), probes[i], batch, labels);
                }
                numeric.put(e.getKey(), slopes);
            }

            params.values().forEach(a -> a.setRequiresGradient(true));
            try (NDManager manager = model.newManager()) {
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    collector.backward(loss(manager, model, batch, labels));
                }
                int checked = 0;
                for (Map.Entry<String, NDArray> e : params.entrySet()) {
                    double[] grad =
                            e.getValue()
                                    .getGradient()
                                    .toType(DataType.FLOAT64, false)
                                    .toDoubleArray();
                    long[] probes = probes(e.getKey(), e.getValue());
                    for (int i = 0; i < probes.length; i++) {
                        double expected = numeric.get(e.getKey())[i];
                        assertThat(grad[(int) probes[i]])
                                .as("%s[%d]", e.getKey(), probes[i])
                                .isCloseTo(
                                        expected,
                                        org.assertj.core.api.Assertions.within(
                                                1e-6 * Math.abs(expected) + 1e-8));
                        checked++;
                    }
                }
                assertThat(checked).isEqualTo(3 * params.size());
                // the check means something only if most probed gradients are far from zero
                long large =
                        numeric.values().stream()
                                .flatMapToDouble(java.util.Arrays::stream)
                                .filter(g -> Math.abs(g) > 1e-5)
                                .count();
                assertThat(large).isGreaterThan(checked / 2);
            }
        }
    }

    /** Three flat indices per tensor; for the token table, entries of tokens the batch uses. */
    private static long[] probes(String name, NDArray array) {
        long n = array.size();
        if (name.equals("tokens_embed.weight")) {
            long d = array.getShape().get(1);
            return new long[] {17 * d, 9 * d + 3, 2 * d + d - 1};
        }
        return new long[] {0, n / 2 + 1, n - 1};
    }

    private static double centralDifference(
            Gpt1Model model, NDArray param, long flat, TokenBatch batch, int[] labels) {
        Shape shape = param.getShape();
        NDArray flatView = param.reshape(shape.size());
        double original = flatView.getDouble(flat);
        flatView.set(new ai.djl.ndarray.index.NDIndex(flat), original + H);
        double plus = lossValue(model, batch, labels);
        flatView.set(new ai.djl.ndarray.index.NDIndex(flat), original - H);
        double minus = lossValue(model, batch, labels);
        flatView.set(new ai.djl.ndarray.index.NDIndex(flat), original);
        flatView.close();
        return (plus - minus) / (2 * H);
    }

    private static double lossValue(Gpt1Model model, TokenBatch batch, int[] labels) {
        try (NDManager manager = model.newManager()) {
            return loss(manager, model, batch, labels).getDouble();
        }
    }

    private static NDArray loss(
            NDManager manager, Gpt1Model model, TokenBatch batch, int[] labels) {
        return FineTuneObjective.loss(manager, model.network(), batch, labels, 0.5, 0f).total();
    }
}
