package dev.gpt1spark.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.Dropout;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gpt1spark.checkpoint.CheckpointNames;
import dev.gpt1spark.inference.Pooling;
import dev.gpt1spark.inference.Rows;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Fine-tunes a model with a classification head, in this process: the whole model with GPT-1's
 * objective ({@link FineTuneObjective}), or only the head on frozen features ({@code head-only}).
 *
 * <p>Each step's tensors live in one NDManager closed after the step. Examples are shuffled per
 * epoch with {@code seed + epoch}; torch's generator (dropout) is seeded with {@code seed}, so a
 * run on the same machine and thread count repeats exactly.
 */
public final class FineTuner {
    /**
     * @param epochs one report per epoch
     * @param validationProbabilities class probabilities of each validation example after the last
     *     epoch, in input order
     * @param trainedValues number of values the optimiser changed
     */
    public record Result(
            List<EpochReport> epochs, float[][] validationProbabilities, long trainedValues) {}

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
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        int batch = options.batchSize();
        int stepsPerEpoch = (train.size() + batch - 1) / batch;
        int totalSteps = stepsPerEpoch * options.epochs();
        ParameterUpdater updater =
                new ParameterUpdater(
                        network,
                        name -> !headOnly || name.equals(CheckpointNames.SCORE),
                        LearningRateSchedule.create(
                                options.learningRate(), totalSteps, options.warmupFraction()),
                        options.weightDecay(),
                        0);
        Engine.getEngine("PyTorch").setRandomSeed((int) options.seed());
        // gradients only inside a GradientCollector; evaluation builds no graph
        JniUtils.setGradMode(false);
        float[][] features = headOnly ? features(train) : null;
        List<EpochReport> reports = new ArrayList<>();
        float[][] probabilities = new float[0][];
        int steps = 0;
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            long start = System.nanoTime();
            List<Integer> order = shuffled(train.size(), options.seed() + epoch);
            double[] sums = new double[3];
            StepProgress progress =
                    new StepProgress(
                            epoch,
                            (order.size() + batch - 1) / batch,
                            PretrainJob.PROGRESS_INTERVAL_S,
                            log);
            for (int from = 0; from < order.size(); from += batch) {
                List<Integer> rows = order.subList(from, Math.min(order.size(), from + batch));
                double[] terms = headOnly ? headStep(features, train, rows) : step(train, rows);
                updater.step();
                steps++;
                for (int k = 0; k < 3; k++) {
                    sums[k] += terms[k];
                }
                progress.stepDone(terms[0]);
            }
            double validationLoss = Double.NaN;
            ClassMetrics metrics = new ClassMetrics(Double.NaN, Double.NaN);
            if (!validation.isEmpty()) {
                probabilities = probabilities(validation);
                validationLoss = meanNll(probabilities, validation);
                metrics = ClassMetrics.of(labels(validation), argmax(probabilities), labelCount());
            }
            EpochReport report =
                    new EpochReport(
                            epoch,
                            steps,
                            sums[0] / stepsPerEpoch,
                            sums[1] / stepsPerEpoch,
                            sums[2] / stepsPerEpoch,
                            validationLoss,
                            metrics.accuracy(),
                            metrics.macroF1(),
                            (System.nanoTime() - start) / 1e9);
            reports.add(report);
            log.accept(
                    String.format(
                            "epoch %d/%d: train loss %.4f (class %.4f, lm %.4f), validation loss"
                                    + " %.4f, accuracy %.4f, macro-F1 %.4f, %.1f s",
                            epoch,
                            options.epochs(),
                            report.trainLoss(),
                            report.trainClassLoss(),
                            report.trainLmLoss(),
                            validationLoss,
                            metrics.accuracy(),
                            metrics.macroF1(),
                            report.seconds()));
        }
        return new Result(reports, probabilities, updater.trainedValues());
    }

    /** One whole-model step; returns the total, class and LM losses. */
    private double[] step(List<LabelledExample> train, List<Integer> rows) {
        List<long[]> inputs = new ArrayList<>();
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            inputs.add(train.get(rows.get(i)).input());
            labels[i] = train.get(rows.get(i)).label();
        }
        try (NDManager manager = model.newManager()) {
            FineTuneObjective.Terms terms;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                terms =
                        FineTuneObjective.loss(
                                manager,
                                network,
                                new TokenBatch(inputs),
                                labels,
                                options.lmWeight(),
                                options.dropout());
                collector.backward(terms.total());
            }
            return new double[] {
                terms.total().getFloat(), terms.classLoss().getFloat(), terms.lmLoss().getFloat()
            };
        }
    }

    /** One head-only step on cached features, dropout on the head's input as in GPT-1. */
    private double[] headStep(float[][] features, List<LabelledExample> train, List<Integer> rows) {
        int d = features[0].length;
        float[] flat = new float[rows.size() * d];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(features[rows.get(i)], 0, flat, i * d, d);
            labels[i] = train.get(rows.get(i)).label();
        }
        try (NDManager manager = model.newManager()) {
            NDArray x = manager.create(flat, new Shape(rows.size(), d)); // (B, D)
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                if (options.dropout() > 0) {
                    x = Dropout.dropout(x, options.dropout(), true).singletonOrThrow();
                }
                loss = Losses.classNll(network.classLogits(x), labels).mean();
                collector.backward(loss);
            }
            double value = loss.getFloat();
            return new double[] {value, value, 0};
        }
    }

    /** The frozen model's last-token hidden states, the head-only features. */
    private float[][] features(List<LabelledExample> examples) {
        float[][] out = new float[examples.size()][];
        forEachBatch(
                examples,
                (from, batch, manager) -> {
                    NDArray hidden = network.hiddenStates(batch.ids(manager), null, null, null);
                    float[][] rows = Rows.of(Pooling.LAST.pool(hidden, batch.lengths()));
                    System.arraycopy(rows, 0, out, from, rows.length);
                });
        return out;
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

    private static List<Integer> shuffled(int n, long seed) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        java.util.Collections.shuffle(order, new Random(seed));
        return order;
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
