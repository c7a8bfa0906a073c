package dev.gpt1spark.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.gpt1spark.checkpoint.CheckpointNames;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.inference.Rows;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fine-tunes a model with a classification head, in this process: the whole model with GPT-1's
 * objective ({@link FineTuneObjective}), or only the head on frozen features ({@code head-only}),
 * in the {@code TrainingLoop}; each epoch ends with validation.
 *
 * <p>Torch's generator (dropout) is seeded with {@code seed}, so a run on the same machine and
 * thread count repeats exactly.
 */
public final class FineTuner {
    /**
     * @param epochs one report per epoch
     * @param validationProbabilities class probabilities of each validation example after the last
     *     epoch, in input order
     * @param trainedValues number of values the optimiser changed
     */
    public record Result(
            List<FineTuneEpoch> epochs, float[][] validationProbabilities, long trainedValues) {}

    /** A head-only training example: the frozen model's features of the input, and the label. */
    private record Features(float[] values, int label) {}

    private final Gpt1Model model;
    private final Gpt1Network network;
    private final TrainingOptions options;
    private final boolean headOnly;
    private final Consumer<String> log;

    /**
     * @param model loaded with {@link Gpt1Model#loadTrainable} from a checkpoint with a head
     * @param headOnly train {@code score.weight} alone on frozen features
     * @param log receives one line per epoch
     */
    public FineTuner(
            Gpt1Model model, TrainingOptions options, boolean headOnly, Consumer<String> log) {
        if (!model.config().hasClassifier()) {
            throw new IllegalArgumentException("fine-tuning needs a model with a head");
        }
        this.model = model;
        this.network = model.network();
        this.options = options;
        this.headOnly = headOnly;
        this.log = log;
    }

    public Result train(List<LabelledExample> train, List<LabelledExample> validation) {
        ParameterUpdater updater =
                new ParameterUpdater(
                        network,
                        name -> !headOnly || name.equals(CheckpointNames.SCORE),
                        LearningRateSchedule.forRun(options, train.size()),
                        options.weightDecay(),
                        0);
        TrainingLoop.Start start = new TrainingLoop.Start(1, 0, options.seed());
        Validation validated = new Validation(validation);
        if (headOnly) {
            new TrainingLoop<Features>(model, options, updater, log)
                    .run(features(train), this::headLoss, start, validated::epochDone);
        } else {
            new TrainingLoop<LabelledExample>(model, options, updater, log)
                    .run(train, this::loss, start, validated::epochDone);
        }
        return new Result(validated.reports, validated.probabilities, updater.trainedValues());
    }

    private LossTerms loss(NDManager manager, List<LabelledExample> batch) {
        List<long[]> inputs = new ArrayList<>(batch.size());
        batch.forEach(e -> inputs.add(e.input()));
        return FineTuneObjective.loss(
                manager,
                network,
                new TokenBatch(inputs),
                labels(batch),
                options.lmWeight(),
                options.dropout());
    }

    private LossTerms headLoss(NDManager manager, List<Features> batch) {
        int d = batch.get(0).values().length;
        float[] flat = new float[batch.size() * d];
        int[] labels = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            System.arraycopy(batch.get(i).values(), 0, flat, i * d, d);
            labels[i] = batch.get(i).label();
        }
        return FineTuneObjective.headOnly(manager, network, flat, labels, options.dropout());
    }

    /** Each epoch's validation: loss, accuracy and macro-F1 of the model as it stands. */
    private final class Validation {
        private final List<LabelledExample> examples;
        private final List<FineTuneEpoch> reports = new ArrayList<>();
        private float[][] probabilities = new float[0][];

        Validation(List<LabelledExample> examples) {
            this.examples = examples;
        }

        void epochDone(TrainingLoop.EpochTrained trained) {
            double validationLoss = Double.NaN;
            ClassMetrics metrics = new ClassMetrics(Double.NaN, Double.NaN);
            if (!examples.isEmpty()) {
                probabilities = probabilities(examples);
                validationLoss = meanNll(probabilities, examples);
                metrics = ClassMetrics.of(labels(examples), argmax(probabilities), labelCount());
            }
            TrainLoss loss = trained.meanLoss();
            FineTuneEpoch report =
                    new FineTuneEpoch(
                            trained.epoch(),
                            trained.steps(),
                            loss.total(),
                            loss.classLoss(),
                            loss.lmLoss(),
                            validationLoss,
                            metrics.accuracy(),
                            metrics.macroF1(),
                            trained.seconds());
            reports.add(report);
            log.accept(
                    String.format(
                            "epoch %d/%d: train loss %.4f (class %.4f, lm %.4f), validation loss"
                                    + " %.4f, accuracy %.4f, macro-F1 %.4f, %.1f s",
                            report.epoch(),
                            options.epochs(),
                            report.trainLoss(),
                            report.trainClassLoss(),
                            report.trainLmLoss(),
                            validationLoss,
                            metrics.accuracy(),
                            metrics.macroF1(),
                            report.seconds()));
        }
    }

    /** The frozen model's last-token hidden states, the head-only examples. */
    private List<Features> features(List<LabelledExample> examples) {
        float[][] out = new float[examples.size()][];
        forEachBatch(
                examples,
                (from, batch, manager) -> {
                    NDArray hidden = network.hiddenStates(batch.ids(manager), null, null, null);
                    float[][] rows = Rows.of(Pooling.LAST.pool(hidden, batch.lengths()));
                    System.arraycopy(rows, 0, out, from, rows.length);
                });
        List<Features> features = new ArrayList<>(out.length);
        for (int i = 0; i < out.length; i++) {
            features.add(new Features(out[i], examples.get(i).label()));
        }
        return features;
    }

    /** Class probabilities without dropout, exactly what {@code classify} computes. */
    private float[][] probabilities(List<LabelledExample> examples) {
        float[][] out = new float[examples.size()][];
        forEachBatch(
                examples,
                (from, batch, manager) -> {
                    NDArray hidden = network.hiddenStates(batch.ids(manager), null, null, null);
                    NDArray last = Pooling.LAST.pool(hidden, batch.lengths()); // (B, D)
                    float[][] rows = Rows.of(network.classLogits(last).softmax(-1));
                    System.arraycopy(rows, 0, out, from, rows.length);
                });
        return out;
    }

    private interface BatchWork {
        void run(int from, TokenBatch batch, NDManager manager);
    }

    private void forEachBatch(List<LabelledExample> examples, BatchWork work) {
        for (int from = 0; from < examples.size(); from += options.batchSize()) {
            List<long[]> inputs = new ArrayList<>();
            for (LabelledExample e :
                    examples.subList(from, Math.min(examples.size(), from + options.batchSize()))) {
                inputs.add(e.input());
            }
            try (NDManager manager = model.newManager()) {
                work.run(from, new TokenBatch(inputs), manager);
            }
        }
    }

    private int labelCount() {
        return model.config().labels().size();
    }

    private static int[] labels(List<LabelledExample> examples) {
        return examples.stream().mapToInt(LabelledExample::label).toArray();
    }

    private static int[] argmax(float[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < out.length; i++) {
            for (int j = 1; j < probabilities[i].length; j++) {
                if (probabilities[i][j] > probabilities[i][out[i]]) {
                    out[i] = j;
                }
            }
        }
        return out;
    }

    private static double meanNll(float[][] probabilities, List<LabelledExample> examples) {
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            sum -= Math.log(Math.max(probabilities[i][examples.get(i).label()], Float.MIN_VALUE));
        }
        return sum / probabilities.length;
    }
}
