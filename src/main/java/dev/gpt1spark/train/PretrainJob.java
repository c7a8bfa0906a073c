package dev.gpt1spark.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointNames;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.tokenizer.Encoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * {@code pretrain}: GPT-1's language-model objective on a corpus, in this process, with a
 * checkpoint per epoch ({@code OUT/epoch-N}, float32, with {@link PretrainState}) and the final
 * model in {@code OUT/final}.
 *
 * <p>Resuming ({@code --resume}) restores the weights of the latest epoch folder, the epoch, the
 * optimiser step count (so the learning-rate schedule and the per-epoch shuffling continue exactly)
 * and Adam's moment estimates ({@link AdamCheckpoint}); torch's dropout generator is not saved and
 * starts afresh, so only a run without dropout ends with the weights of an uninterrupted one.
 */
public final class PretrainJob {
    public static final String SUMMARY_FILE = "pretrain_summary.json";
    public static final String FINAL = "final";
    static final double PROGRESS_INTERVAL_S = 60;

    /**
     * @param options the recipe (lmWeight is unused: the LM loss is the whole objective)
     * @param blockSize tokens per training sequence; 0 for the model's n_positions
     * @param output folder of the epoch checkpoints, the final model and the summary
     * @param resume continue from the latest epoch checkpoint in {@code output}
     * @param float16 store the final model as float16
     */
    public record Settings(
            TrainingOptions options, int blockSize, Path output, boolean resume, boolean float16) {}

    private PretrainJob() {}

    /**
     * @param initial the model to start from (random or pre-trained); ignored when resuming
     */
    public static Map<String, Object> run(
            Checkpoint initial, List<String> texts, Settings settings, Consumer<String> log) {
        long start = System.nanoTime();
        TrainingOptions options = settings.options();
        Optional<PretrainState> resumed = PretrainState.latest(settings.output());
        if (resumed.isPresent() && !settings.resume()) {
            throw new IllegalArgumentException(
                    settings.output()
                            + " already holds pre-training checkpoints; use --resume to continue"
                            + " or pick another folder");
        }
        if (resumed.isEmpty() && settings.resume()) {
            log.accept("nothing to resume in " + settings.output() + ": starting from epoch 1");
        }
        Checkpoint checkpoint =
                resumed.map(
                                s ->
                                        CheckpointReader.read(
                                                PretrainState.folder(settings.output(), s.epoch()),
                                                null))
                        .orElse(initial);
        try (Gpt1Model model = Gpt1Model.loadTrainable(checkpoint, DataType.FLOAT32)) {
            int blockSize =
                    settings.blockSize() == 0 ? model.config().nPositions() : settings.blockSize();
            if (blockSize > model.config().nPositions()) {
                throw new IllegalArgumentException(
                        "--block-size "
                                + blockSize
                                + " exceeds the model's n_positions "
                                + model.config().nPositions());
            }
            List<long[]> blocks = TokenBlocks.cut(tokenize(model, texts), blockSize);
            Collections.shuffle(blocks, new Random(options.seed()));
            int validationSize =
                    options.validationFraction() == 0 || blocks.size() < 2
                            ? 0
                            : Math.max(
                                    1,
                                    (int) Math.round(blocks.size() * options.validationFraction()));
            List<long[]> validation = blocks.subList(0, validationSize);
            List<long[]> train = blocks.subList(validationSize, blocks.size());
            if (train.isEmpty()) {
                throw new IllegalArgumentException("the corpus has too few tokens to train on");
            }
            String fingerprint =
                    options
                            + " block_size="
                            + blockSize
                            + " blocks="
                            + train.size()
                            + "+"
                            + validation.size();
            resumed.ifPresent(
                    s -> {
                        if (!s.settings().equals(fingerprint)) {
                            throw new IllegalArgumentException(
                                    "cannot resume: the run in "
                                            + settings.output()
                                            + " used "
                                            + s.settings()
                                            + ", this one "
                                            + fingerprint);
                        }
                    });
            int firstEpoch = resumed.map(PretrainState::epoch).orElse(0) + 1;
            int steps = resumed.map(PretrainState::steps).orElse(0);
            List<PretrainEpoch> history =
                    new ArrayList<>(resumed.map(PretrainState::history).orElse(List.of()));
            log.accept(
                    String.format(
                            "pre-training on %,d blocks of %d tokens (%,d held out)%s",
                            train.size(),
                            blockSize,
                            validation.size(),
                            resumed.isPresent()
                                    ? ", resuming after epoch "
                                            + (firstEpoch - 1)
                                            + " at step "
                                            + steps
                                    : ""));

            int batch = options.batchSize();
            int stepsPerEpoch = (train.size() + batch - 1) / batch;
            ParameterUpdater updater =
                    new ParameterUpdater(
                            model.network(),
                            name -> !name.equals(CheckpointNames.SCORE),
                            LearningRateSchedule.create(
                                    options.learningRate(),
                                    stepsPerEpoch * options.epochs(),
                                    options.warmupFraction()),
                            options.weightDecay(),
                            steps);
            resumed.ifPresent(
                    s -> {
                        Path folder = PretrainState.folder(settings.output(), s.epoch());
                        if (!updater.restore(folder, s.adamUpdates())) {
                            log.accept(
                                    "warning: "
                                            + folder
                                            + " has no "
                                            + AdamCheckpoint.FILE
                                            + " (written before Adam's moments were saved):"
                                            + " Adam restarts from zero moments");
                        }
                    });
            Engine.getEngine("PyTorch").setRandomSeed((int) (options.seed() + firstEpoch));
            JniUtils.setGradMode(false); // gradients only inside a GradientCollector
            for (int epoch = firstEpoch; epoch <= options.epochs(); epoch++) {
                long epochStart = System.nanoTime();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < train.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(options.seed() + epoch));
                double lossSum = 0;
                StepProgress progress =
                        new StepProgress(epoch, stepsPerEpoch, PROGRESS_INTERVAL_S, log);
                for (int from = 0; from < order.size(); from += batch) {
                    List<long[]> rows = new ArrayList<>();
                    for (int i : order.subList(from, Math.min(order.size(), from + batch))) {
                        rows.add(train.get(i));
                    }
                    double loss = step(model, new TokenBatch(rows), options.dropout());
                    updater.step();
                    steps++;
                    lossSum += loss;
                    progress.stepDone(loss);
                }
                double validationLoss =
                        validation.isEmpty() ? Double.NaN : nll(model, validation, batch);
                PretrainEpoch report =
                        new PretrainEpoch(
                                epoch,
                                steps,
                                lossSum / stepsPerEpoch,
                                validationLoss,
                                Math.exp(validationLoss),
                                (System.nanoTime() - epochStart) / 1e9);
                history.add(report);
                Path folder = PretrainState.folder(settings.output(), epoch);
                CheckpointWriter.writeHf(
                        CheckpointExport.of(model, List.of("pre-trained, epoch " + epoch)),
                        folder,
                        false,
                        true);
                updater.save(folder);
                new PretrainState(epoch, steps, updater.updates(), fingerprint, history)
                        .write(folder);
                log.accept(
                        String.format(
                                "epoch %d/%d: train loss %.4f, validation loss %.4f (perplexity"
                                        + " %.2f), %d steps, %.1f s; wrote %s",
                                epoch,
                                options.epochs(),
                                report.trainLoss(),
                                validationLoss,
                                report.validationPerplexity(),
                                steps,
                                report.seconds(),
                                folder));
            }
            Path finalDir = settings.output().resolve(FINAL);
            CheckpointWriter.writeHf(
                    CheckpointExport.of(model, List.of("pre-trained, " + steps + " steps")),
                    finalDir,
                    settings.float16(),
                    true);

            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("command", "pretrain");
            summary.put("output", settings.output().toString());
            summary.put("final_checkpoint", finalDir.toString());
            summary.put("options", options);
            summary.put("block_size", blockSize);
            summary.put("documents", texts.size());
            summary.put("train_blocks", train.size());
            summary.put("validation_blocks", validation.size());
            summary.put("resumed_after_epoch", resumed.map(PretrainState::epoch).orElse(null));
            summary.put("steps", steps);
            summary.put("trained_values", updater.trainedValues());
            summary.put("epochs", history);
            summary.put("wall_s", Math.round((System.nanoTime() - start) / 1e8) / 10.0);
            TrainingSummary.write(summary, settings.output().resolve(SUMMARY_FILE));
            return summary;
        }
    }

    private static List<long[]> tokenize(Gpt1Model model, List<String> texts) {
        List<long[]> out = new ArrayList<>(texts.size());
        // chunks bound the native tokenizer's memory on a large corpus
        for (int from = 0; from < texts.size(); from += 4096) {
            for (Encoding e :
                    model.tokenizer()
                            .encodeBatch(
                                    texts.subList(from, Math.min(texts.size(), from + 4096)))) {
                out.add(e.ids());
            }
        }
        return out;
    }

    /** One step's forward and backward; returns the batch's mean NLL. */
    private static double step(Gpt1Model model, TokenBatch batch, float dropout) {
        Gpt1Network network = model.network();
        try (NDManager manager = model.newManager()) {
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray hidden = network.trainingHiddenStates(batch.ids(manager), dropout);
                loss = Losses.tokenNll(network, hidden, batch).mean();
                collector.backward(loss);
            }
            return loss.getFloat();
        }
    }

    /** Mean NLL per predicted token over {@code blocks}, without dropout. */
    static double nll(Gpt1Model model, List<long[]> blocks, int batch) {
        double sum = 0;
        long count = 0;
        for (int from = 0; from < blocks.size(); from += batch) {
            TokenBatch rows =
                    new TokenBatch(blocks.subList(from, Math.min(blocks.size(), from + batch)));
            try (NDManager manager = model.newManager()) {
                NDArray hidden = model.network().hiddenStates(rows.ids(manager), null, null, null);
                NDArray nll = Losses.tokenNll(model.network(), hidden, rows);
                sum += nll.sum().getFloat();
                count += nll.size();
            }
        }
        return sum / count;
    }
}
