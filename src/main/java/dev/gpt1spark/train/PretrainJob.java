package dev.gpt1spark.train;

import ai.djl.ndarray.types.DataType;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointNames;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.inference.TokenBatch;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.tokenizer.Encoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * {@code pretrain}: GPT-1's language-model objective on a corpus, in this process, with a
 * checkpoint per epoch ({@code OUT/epoch-N}, float32, with {@link PretrainState}) and the final
 * model in {@code OUT/final}; the steps run in the {@code TrainingLoop}.
 *
 * <p>Resuming ({@code --resume}) restores the weights of the latest epoch folder, the epoch, the
 * optimiser step count (so the learning-rate schedule and the per-epoch shuffling continue exactly)
 * and Adam's moment estimates ({@link AdamCheckpoint}); torch's dropout generator is not saved and
 * starts afresh, so only a run without dropout ends with the weights of an uninterrupted one.
 */
public final class PretrainJob {
    public static final String SUMMARY_FILE = "pretrain_summary.json";
    public static final String FINAL = "final";

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
    public static PretrainSummary run(
            Checkpoint initial, List<String> texts, Settings settings, Consumer<String> log) {
        long start = System.nanoTime();
        TrainingOptions options = settings.options();
        Optional<PretrainState> resumed = PretrainState.latest(settings.output());
        if (resumed.isPresent() && !settings.resume()) {
            throw new SettingException(
                    settings.output() + " already holds pre-training checkpoints; use ",
                    PretrainSettings.RESUME,
                    " to continue or pick another folder");
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
                throw new SettingException(
                        PretrainSettings.BLOCK_SIZE,
                        " "
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
            int stepsDone = resumed.map(PretrainState::steps).orElse(0);
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
                                            + stepsDone
                                    : ""));

            ParameterUpdater updater =
                    new ParameterUpdater(
                            model.network(),
                            name -> !name.equals(CheckpointNames.SCORE),
                            LearningRateSchedule.forRun(options, train.size()),
                            options.weightDecay(),
                            stepsDone);
            resumed.ifPresent(s -> restoreAdam(updater, settings.output(), s, log));
            TrainingLoop.Objective<long[]> objective =
                    (manager, batch) ->
                            LanguageModelObjective.loss(
                                    manager,
                                    model.network(),
                                    new TokenBatch(batch),
                                    options.dropout());
            Consumer<TrainingLoop.EpochTrained> validateAndSave =
                    trained -> {
                        PretrainEpoch report =
                                validate(model, validation, options.batchSize(), trained);
                        history.add(report);
                        PretrainState state =
                                new PretrainState(
                                        trained.epoch(),
                                        trained.steps(),
                                        updater.updates(),
                                        fingerprint,
                                        history);
                        Path folder = saveEpoch(model, updater, settings.output(), state);
                        log.accept(epochLine(report, options.epochs(), folder));
                    };
            int steps =
                    new TrainingLoop<long[]>(model, options, updater, log)
                            .run(
                                    train,
                                    objective,
                                    new TrainingLoop.Start(
                                            firstEpoch, stepsDone, options.seed() + firstEpoch),
                                    validateAndSave);
            Path finalDir = settings.output().resolve(FINAL);
            CheckpointWriter.writeHf(
                    CheckpointExport.of(
                            model, List.of(new SettingText("pre-trained, " + steps + " steps"))),
                    finalDir,
                    settings.float16(),
                    true);

            PretrainSummary summary =
                    new PretrainSummary(
                            settings.output(),
                            finalDir,
                            options,
                            blockSize,
                            texts.size(),
                            train.size(),
                            validation.size(),
                            resumed.map(PretrainState::epoch).orElse(null),
                            steps,
                            updater.trainedValues(),
                            history,
                            Math.round((System.nanoTime() - start) / 1e8) / 10.0);
            TrainingSummary.write(summary, settings.output().resolve(SUMMARY_FILE));
            return summary;
        }
    }

    /** Continues Adam from the moments saved with the resumed epoch, or says why it cannot. */
    private static void restoreAdam(
            ParameterUpdater updater, Path output, PretrainState state, Consumer<String> log) {
        Path folder = PretrainState.folder(output, state.epoch());
        if (!updater.restore(folder, state.adamUpdates())) {
            log.accept(
                    "warning: "
                            + folder
                            + " has no "
                            + AdamCheckpoint.FILE
                            + " (written before Adam's moments were saved):"
                            + " Adam restarts from zero moments");
        }
    }

    /** The epoch's report: its mean training loss and, without dropout, the validation loss. */
    private static PretrainEpoch validate(
            Gpt1Model model, List<long[]> validation, int batchSize, TrainingLoop.EpochTrained e) {
        double validationLoss =
                validation.isEmpty()
                        ? Double.NaN
                        : LanguageModelObjective.validationNll(model, validation, batchSize);
        return new PretrainEpoch(
                e.epoch(),
                e.steps(),
                e.meanLoss().total(),
                validationLoss,
                Math.exp(validationLoss),
                e.seconds());
    }

    /** Writes {@code OUT/epoch-N}: the float32 weights, Adam's moments and the state. */
    private static Path saveEpoch(
            Gpt1Model model, ParameterUpdater updater, Path output, PretrainState state) {
        Path folder = PretrainState.folder(output, state.epoch());
        CheckpointWriter.writeHf(
                CheckpointExport.of(
                        model, List.of(new SettingText("pre-trained, epoch " + state.epoch()))),
                folder,
                false,
                true);
        updater.save(folder);
        state.write(folder);
        return folder;
    }

    private static String epochLine(PretrainEpoch report, int epochs, Path folder) {
        return String.format(
                "epoch %d/%d: train loss %.4f, validation loss %.4f (perplexity"
                        + " %.2f), %d steps, %.1f s; wrote %s",
                report.epoch(),
                epochs,
                report.trainLoss(),
                report.validationLoss(),
                report.validationPerplexity(),
                report.steps(),
                report.seconds(),
                folder);
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
}
