package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.model.Precision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the precision of {@code --precision auto}: the fastest one this CPU computes natively
 * whose drift from float32, on a fixed English probe, meets the command's {@link AccuracyBar}.
 *
 * <p>A natively computed 16-bit type runs the packed products at about twice the float32 rate
 * ({@code gpt1 bench} reports both), so the candidates are tried bf16, fp16, then fp32, which
 * always qualifies. Every model is built from the one checkpoint already read (its weights are not
 * read again); the choice is made once, on the driver, and recorded with its drift.
 */
public final class PrecisionProbe {
    /** Public-domain English (Austen, Melville, Darwin), cut to the model's positions. */
    static final List<String> TEXTS =
            List.of(
                    "It is a truth universally acknowledged, that a single man in possession of a"
                            + " good fortune, must be in want of a wife. However little known the"
                            + " feelings or views of such a man may be on his first entering a"
                            + " neighbourhood, this truth is so well fixed in the minds of the"
                            + " surrounding families, that he is considered the rightful property"
                            + " of some one or other of their daughters.",
                    "Call me Ishmael. Some years ago, never mind how long precisely, having little"
                            + " or no money in my purse, and nothing particular to interest me on"
                            + " shore, I thought I would sail about a little and see the watery"
                            + " part of the world. It is a way I have of driving off the spleen,"
                            + " and regulating the circulation.",
                    "When on board H.M.S. Beagle, as naturalist, I was much struck with certain"
                            + " facts in the distribution of the inhabitants of South America, and"
                            + " in the geological relations of the present to the past inhabitants"
                            + " of that continent. These facts seemed to me to throw some light on"
                            + " the origin of species.",
                    "The quick brown fox jumps over the lazy dog, and then the dog, who was not so"
                            + " lazy after all, ran after the fox across the field until both of"
                            + " them were tired and lay down under the old oak tree by the river.");

    /**
     * What auto may choose, fastest first. Never int8: its drift is larger than a 16-bit type's and
     * it changes greedy continuations, so it runs only when asked (docs/precision.md).
     */
    static final List<Precision> CANDIDATES =
            List.of(Precision.BF16, Precision.FP16, Precision.FP32);

    private PrecisionProbe() {}

    /** The chosen precision and its drift from float32 on the probe. */
    public record Choice(Precision precision, Drift drift) {}

    /**
     * How far a precision's outputs moved from float32's on the probe.
     *
     * @param minPooledCosine least cosine of the mean-pooled hidden states of a probe text
     * @param maxNllDrift largest |NLL − NLL fp32| ÷ NLL fp32 of a probe text
     * @param top1Agreement share of positions whose most likely next token is float32's
     * @param sameLabels whether the classification head picks float32's label for every text (true
     *     without a head)
     */
    public record Drift(
            double minPooledCosine, double maxNllDrift, double top1Agreement, boolean sameLabels) {
        /** No drift: float32 against itself. */
        public static final Drift NONE = new Drift(1, 0, 1, true);

        /** The figures as summary keys. */
        public Map<String, Object> summary() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("min_pooled_cosine", minPooledCosine);
            out.put("max_nll_drift", maxNllDrift);
            out.put("top1_agreement", top1Agreement);
            out.put("same_labels", sameLabels);
            return out;
        }
    }

    /**
     * What auto chooses on this CPU when the model meets the bar: the first candidate this CPU
     * computes natively (fp32 where no 16-bit type is). {@code gpt1 bench} measures decoding in it.
     */
    public static Precision fastestNative() {
        return CANDIDATES.stream().filter(Precision::isNative).findFirst().orElseThrow();
    }

    /**
     * The first of bf16, fp16 (where native) and fp32 that meets {@code bar}.
     *
     * @param checkpoint read once by the caller; every model here is built from it
     */
    public static Choice choose(Checkpoint checkpoint, AccuracyBar bar) {
        try (Gpt1Model fp32 = Gpt1Model.load(checkpoint, Precision.FP32)) {
            Outputs reference = null;
            for (Precision candidate : CANDIDATES) {
                if (candidate == Precision.FP32) {
                    break;
                }
                if (!candidate.isNative()) {
                    continue;
                }
                if (reference == null) {
                    reference = Outputs.of(fp32, probe(fp32));
                }
                try (Gpt1Model model = Gpt1Model.load(checkpoint, candidate)) {
                    Drift drift = reference.driftOf(Outputs.of(model, probe(fp32)));
                    if (bar.isMetBy(drift)) {
                        return new Choice(candidate, drift);
                    }
                }
            }
            return new Choice(Precision.FP32, Drift.NONE);
        }
    }

    /** {@code other}'s drift from {@code fp32} on the probe. */
    static Drift drift(Gpt1Model fp32, Gpt1Model other) {
        List<long[]> texts = probe(fp32);
        return Outputs.of(fp32, texts).driftOf(Outputs.of(other, texts));
    }

    /** The probe's token ids, each text cut to the model's positions. */
    static List<long[]> probe(Gpt1Model model) {
        List<long[]> ids = new ArrayList<>();
        int limit = model.config().nPositions();
        for (String text : TEXTS) {
            long[] all = model.tokenizer().encode(text).ids();
            ids.add(Arrays.copyOf(all, Math.min(all.length, limit)));
        }
        return ids;
    }

    /** What the bars look at, per probe text, computed in float32 from the model's outputs. */
    private record Outputs(List<float[]> pooled, double[] nll, List<long[]> top1, long[] labels) {
        static Outputs of(Gpt1Model model, List<long[]> texts) {
            Gpt1Network network = model.network();
            List<float[]> pooled = new ArrayList<>();
            double[] nll = new double[texts.size()];
            List<long[]> top1 = new ArrayList<>();
            long[] labels = new long[texts.size()];
            for (int i = 0; i < texts.size(); i++) {
                long[] ids = texts.get(i);
                int t = ids.length;
                try (NDManager manager = model.newManager()) {
                    NDArray input = manager.create(ids, new Shape(1, t));
                    NDArray hidden = network.hiddenStates(input, null, null, null); // (1, T, D)
                    pooled.add(asFloat(hidden.mean(new int[] {1})).toFloatArray()); // (1, D)
                    NDArray logProbs =
                            asFloat(network.lmLogits(hidden.squeeze(0))).logSoftmax(-1); // (T, V)
                    top1.add(logProbs.argMax(-1).toLongArray()); // (T)
                    float[] flat = logProbs.toFloatArray();
                    int vocab = (int) logProbs.getShape().get(1);
                    for (int p = 0; p + 1 < t; p++) {
                        nll[i] -= flat[p * vocab + (int) ids[p + 1]];
                    }
                    if (model.config().hasClassifier()) {
                        NDArray last = hidden.get(new NDIndex(":, -1")); // (1, D)
                        labels[i] = network.classLogits(last).argMax(-1).getLong();
                    }
                }
            }
            return new Outputs(pooled, nll, top1, labels);
        }

        Drift driftOf(Outputs other) {
            double cosine = 1;
            double nllDrift = 0;
            long agree = 0;
            long positions = 0;
            for (int i = 0; i < nll.length; i++) {
                cosine = Math.min(cosine, cosine(pooled.get(i), other.pooled.get(i)));
                if (nll[i] > 0) {
                    nllDrift = Math.max(nllDrift, Math.abs(other.nll[i] - nll[i]) / nll[i]);
                }
                long[] a = top1.get(i);
                long[] b = other.top1.get(i);
                for (int p = 0; p < a.length; p++) {
                    agree += a[p] == b[p] ? 1 : 0;
                }
                positions += a.length;
            }
            return new Drift(
                    cosine,
                    nllDrift,
                    positions == 0 ? 1 : (double) agree / positions,
                    Arrays.equals(labels, other.labels));
        }

        private static NDArray asFloat(NDArray x) {
            return x.toType(DataType.FLOAT32, false);
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
            return na == 0 || nb == 0 ? (na == nb ? 1 : 0) : dot / Math.sqrt(na * nb);
        }
    }
}
