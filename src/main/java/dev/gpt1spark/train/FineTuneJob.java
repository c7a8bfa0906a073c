package dev.gpt1spark.train;

import ai.djl.ndarray.types.DataType;
import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointWriter;
import dev.gpt1spark.config.TaskFormat;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.settings.SettingException;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.tokenizer.Encoding;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code finetune} from labelled rows to a checkpoint: label set, seeded validation split, task
 * tokens and head, training, the Hugging Face checkpoint and the run summary.
 */
public final class FineTuneJob {
    /** The summary's file name inside the output folder. */
    public static final String SUMMARY_FILE = "finetune_summary.json";

    /**
     * @param options the recipe
     * @param headOnly train only the head on frozen features
     * @param pair whether rows are text pairs ({@code text2-col})
     * @param output the checkpoint folder to write
     */
    public record Settings(TrainingOptions options, boolean headOnly, boolean pair, Path output) {}

    /**
     * @param summary what {@code finetune} prints and writes as JSON
     * @param validation the held-out rows, in the order of {@code probabilities}
     * @param probabilities the final model's class probabilities of each validation row
     */
    public record Outcome(
            FineTuneSummary summary, List<LabelledText> validation, float[][] probabilities) {}

    private FineTuneJob() {}

    public static Outcome run(
            Checkpoint source, List<LabelledText> rows, Settings settings, Consumer<String> log) {
        long start = System.nanoTime();
        TrainingOptions options = settings.options();
        // refuse before training, not after hours of it
        for (String file : List.of("config.json", "model.safetensors")) {
            if (Files.exists(settings.output().resolve(file))) {
                throw new SettingException(
                        settings.output().resolve(file) + ": already exists; pick another ",
                        FinetuneSettings.OUTPUT);
            }
        }
        List<LabelledText> usable = new ArrayList<>();
        for (LabelledText row : rows) {
            if (row.text() != null
                    && row.label() != null
                    && (!settings.pair() || row.text2() != null)) {
                usable.add(row);
            }
        }
        List<String> labels = new ArrayList<>(new TreeSet<>(labelsOf(usable)));
        List<LabelledText> shuffled = new ArrayList<>(usable);
        Collections.shuffle(shuffled, new Random(options.seed()));
        int validationSize =
                options.validationFraction() == 0
                        ? 0
                        : Math.max(
                                1, (int) Math.round(usable.size() * options.validationFraction()));
        if (usable.size() - validationSize < 1) {
            throw new IllegalArgumentException(
                    "too few usable rows to train: "
                            + usable.size()
                            + " of "
                            + rows.size()
                            + " have a text"
                            + (settings.pair() ? ", a second text" : "")
                            + " and a label");
        }
        List<LabelledText> validation = List.copyOf(shuffled.subList(0, validationSize));
        List<LabelledText> train = List.copyOf(shuffled.subList(validationSize, shuffled.size()));

        Checkpoint prepared = TaskHead.prepare(source, labels, settings.pair(), options.seed());
        try (Gpt1Model model = Gpt1Model.loadTrainable(prepared, DataType.FLOAT32)) {
            List<LabelledExample> trainExamples = examples(model, train, labels);
            List<LabelledExample> validationExamples = examples(model, validation, labels);
            log.accept(
                    String.format(
                            "fine-tuning %s on %,d examples (%,d held out), labels %s, %s",
                            settings.headOnly() ? "the head only" : "the whole model",
                            train.size(),
                            validation.size(),
                            labels,
                            model.config().taskFormat()));
            FineTuner.Result result =
                    new FineTuner(model, options, settings.headOnly(), log)
                            .train(trainExamples, validationExamples);
            List<SettingText> notes = new ArrayList<>(prepared.noteTexts());
            notes.add(
                    new SettingText(
                            "fine-tuned " + (settings.headOnly() ? "head only" : "whole model")));
            CheckpointWriter.writeHf(CheckpointExport.of(model, notes), settings.output(), false);

            TaskFormat format = model.config().taskFormat();
            Map<String, Integer> taskTokens = new LinkedHashMap<>();
            taskTokens.put(TaskFormat.START, format.startId());
            taskTokens.put(TaskFormat.DELIMITER, format.delimiterId());
            taskTokens.put(TaskFormat.CLASSIFY, format.classifyId());
            FineTuneSummary summary =
                    new FineTuneSummary(
                            source.directory(),
                            settings.output(),
                            labels,
                            settings.pair() ? "pair" : "single",
                            taskTokens,
                            settings.headOnly(),
                            options,
                            rows.size(),
                            rows.size() - usable.size(),
                            train.size(),
                            validation.size(),
                            result.trainedValues(),
                            result.epochs(),
                            Math.round((System.nanoTime() - start) / 1e8) / 10.0);
            TrainingSummary.write(summary, settings.output().resolve(SUMMARY_FILE));
            return new Outcome(summary, validation, result.validationProbabilities());
        }
    }

    private static List<String> labelsOf(List<LabelledText> rows) {
        List<String> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(r.label()));
        return out;
    }

    /** Tokenizes and formats rows as the checkpoint's task input, as {@code classify} will. */
    private static List<LabelledExample> examples(
            Gpt1Model model, List<LabelledText> rows, List<String> labels) {
        Gpt1Tokenizer tokenizer = model.tokenizer();
        List<Encoding> first =
                tokenizer.encodeBatch(rows.stream().map(LabelledText::text).toList());
        TaskFormat format = model.config().taskFormat();
        List<Encoding> second =
                format.pair()
                        ? tokenizer.encodeBatch(rows.stream().map(LabelledText::text2).toList())
                        : null;
        List<LabelledExample> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            long[] input =
                    format.format(
                            first.get(i).ids(),
                            second == null ? null : second.get(i).ids(),
                            model.config().nPositions());
            out.add(
                    new LabelledExample(
                            rows.get(i).id(), input, labels.indexOf(rows.get(i).label())));
        }
        return out;
    }
}
