package dev.gpt1spark.train;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointNames;
import dev.gpt1spark.checkpoint.RandomInit;
import dev.gpt1spark.checkpoint.TensorData;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.config.TaskFormat;
import dev.gpt1spark.settings.SettingText;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Prepares a checkpoint for fine-tuning as in the paper: the task tokens {@code _start_}, {@code
 * _delimiter_}, {@code _classify_} appended to the vocabulary (three new embedding rows) and a
 * linear head {@code score.weight} for the labels. New values are N(0, 0.02²), GPT-1's
 * initialisation.
 *
 * <p>A checkpoint that already has task tokens keeps them (fine-tuning again); a head with the same
 * labels is kept, any other head is replaced.
 */
final class TaskHead {
    private TaskHead() {}

    static Checkpoint prepare(Checkpoint source, List<String> labels, boolean pair, long seed) {
        if (labels.size() < 2) {
            throw new IllegalArgumentException(
                    "fine-tuning needs at least two labels, got " + labels);
        }
        ModelConfig config = source.config();
        SplittableRandom random = new SplittableRandom(seed);
        List<TensorData> tensors = new ArrayList<>();
        TaskFormat format = config.taskFormat();
        int vocab = config.vocabSize();
        if (format == null) {
            format = TaskFormat.appendedTo(vocab, pair);
            vocab += 3;
        } else {
            format =
                    new TaskFormat(
                            format.startId(), format.delimiterId(), format.classifyId(), pair);
        }
        ModelConfig target = config.withTaskFormat(vocab, format).withLabels(labels);
        int d = config.nEmbd();
        for (TensorData tensor : source.tensors().values()) {
            String name = tensor.name();
            if (name.equals(CheckpointNames.SCORE)) {
                continue;
            }
            if (name.equals(CheckpointNames.TOKENS_EMBED) && vocab != config.vocabSize()) {
                tensors.add(grown(tensor, vocab, d, random));
            } else {
                tensors.add(tensor);
            }
        }
        if (labels.equals(config.labels())) {
            tensors.add(source.tensor(CheckpointNames.SCORE));
        } else {
            tensors.add(grown(null, labels.size(), d, random));
        }
        List<SettingText> notes = new ArrayList<>(source.noteTexts());
        notes.add(
                new SettingText(
                        "fine-tuning: task tokens "
                                + format
                                + ", head for "
                                + labels
                                + (labels.equals(config.labels())
                                        ? " (kept)"
                                        : " (new, seed " + seed + ")")));
        return Checkpoint.rebuilt(
                Checkpoint.Format.HF, target, tensors, source.tokenizerFiles(), notes);
    }

    /** {@code rows} × d values: the old tensor's rows (if any), then new N(0, 0.02²) rows. */
    private static TensorData grown(TensorData old, int rows, int d, SplittableRandom random) {
        ByteBuffer data =
                ByteBuffer.allocateDirect(Math.multiplyExact(rows * d, Float.BYTES))
                        .order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer values = data.asFloatBuffer();
        if (old != null) {
            values.put(old.data().asFloatBuffer());
        }
        while (values.hasRemaining()) {
            values.put((float) (random.nextGaussian() * RandomInit.STDDEV));
        }
        String name = old == null ? CheckpointNames.SCORE : old.name();
        return new TensorData(name, new long[] {rows, d}, data);
    }
}
