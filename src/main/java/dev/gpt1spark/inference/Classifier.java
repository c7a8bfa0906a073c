package dev.gpt1spark.inference;

import ai.djl.inference.Predictor;
import dev.gpt1spark.config.TaskFormat;
import dev.gpt1spark.model.Gpt1Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Classifies documents with a checkpoint's head ({@code score.weight}) on the last real token, as
 * GPT-1 was fine-tuned. A checkpoint fine-tuned with task tokens gets its input exactly as the
 * trainer built it ({@link TaskFormat#format}); otherwise documents longer than n_positions keep
 * their first n_positions tokens. One instance per thread.
 */
public final class Classifier implements AutoCloseable {
    /** Why a checkpoint without a head cannot classify. */
    public static final String NO_HEAD =
            "the model has no classification head: classify needs a checkpoint with"
                    + " score.weight and id2label (see finetune)";

    private final List<String> labels;
    private final int nPositions;
    private final TaskFormat taskFormat;
    private final int batchTokens;
    private final Predictor<TokenBatch, float[][]> predictor;

    public Classifier(Gpt1Model model, int batchTokens) {
        if (!model.config().hasClassifier()) {
            throw new IllegalArgumentException(NO_HEAD);
        }
        this.labels = model.config().labels();
        this.nPositions = model.config().nPositions();
        this.taskFormat = model.config().taskFormat();
        this.batchTokens = batchTokens;
        this.predictor = model.newPredictor(new ClassProbabilitiesTranslator(model.network()));
    }

    /** Classifies non-empty token sequences, in order. */
    public List<Classification> classify(List<long[]> documents) {
        return classify(documents, null);
    }

    /**
     * Classifies texts, or text pairs for a checkpoint fine-tuned on pairs, in order.
     *
     * @param seconds the second text of each pair, or null for single texts
     */
    public List<Classification> classify(List<long[]> documents, List<long[]> seconds) {
        List<long[]> inputs = new ArrayList<>(documents.size());
        for (int i = 0; i < documents.size(); i++) {
            inputs.add(input(documents.get(i), seconds == null ? null : seconds.get(i)));
        }
        float[][] probabilities = MicroBatches.run(inputs, batchTokens, predictor);
        List<Classification> results = new ArrayList<>(documents.size());
        for (float[] p : probabilities) {
            int best = 0;
            for (int j = 1; j < p.length; j++) {
                if (p[j] > p[best]) {
                    best = j;
                }
            }
            results.add(new Classification(labels.get(best), best, p));
        }
        return results;
    }

    private long[] input(long[] ids, long[] second) {
        if (taskFormat != null) {
            return taskFormat.format(ids, second, nPositions);
        }
        if (second != null) {
            throw new IllegalArgumentException(
                    "this checkpoint was not fine-tuned on pairs (no task tokens in its config)");
        }
        return ids.length > nPositions ? Arrays.copyOf(ids, nPositions) : ids;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
