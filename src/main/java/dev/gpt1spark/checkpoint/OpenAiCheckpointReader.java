package dev.gpt1spark.checkpoint;

import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import dev.gpt1spark.checkpoint.OpenAiLayout.Dimensions;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.tokenizer.TokenizerFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the original OpenAI release: {@code params_shapes.json} and the float32 arrays {@code
 * params_0.npy}, {@code params_1.npy}, ... that together hold every tensor, flattened and
 * concatenated.
 *
 * <p>The release cut the concatenation with {@code np.array_split(all, 10)}, so file boundaries
 * fall inside tensors. The files are memory-mapped and never joined: a tensor inside one file is a
 * view of it, and a tensor across a boundary is copied once into its own direct buffer.
 */
final class OpenAiCheckpointReader {

    static final String SHAPES_FILE = "params_shapes.json";

    private static final Pattern PART = Pattern.compile("params_(0|[1-9][0-9]{0,5})\\.npy");

    private OpenAiCheckpointReader() {}

    static Checkpoint read(Path dir, Integer nHeadOverride) {
        List<SettingText> notes = new ArrayList<>();
        Path shapesFile = dir.resolve(SHAPES_FILE);
        Dimensions dims = OpenAiLayout.infer(OpenAiLayout.readShapes(shapesFile), shapesFile);
        notes.add(
                new SettingText(
                        "n_layer "
                                + dims.nLayer()
                                + ", n_embd "
                                + dims.nEmbd()
                                + ", n_positions "
                                + dims.nPositions()
                                + ", vocab_size "
                                + dims.vocabSize()
                                + " from "
                                + SHAPES_FILE));
        // the format has no config; a small HF-style one beside the weights may give n_head
        Path configFile = dir.resolve("config.json");
        HfConfig config = Files.exists(configFile) ? HfConfig.read(configFile) : null;
        if (config != null && config.labels() != null) {
            notes.add(
                    new SettingText(
                            "ignored the labels in config.json: the OpenAI format has no score.weight"));
        }
        ModelConfig modelConfig =
                ConfigResolver.resolve(
                        weightDims(dims, shapesFile), config, nHeadOverride, List.of(), notes);
        List<Npy> parts = readParts(dir);
        notes.add(
                new SettingText(
                        "weights from "
                                + parts.size()
                                + " files "
                                + parts.get(0).file().getFileName()
                                + " to "
                                + parts.get(parts.size() - 1).file().getFileName()));
        List<TensorData> tensors = assemble(parts, OpenAiLayout.layout(dims), shapesFile);
        Optional<TokenizerFiles> tokenizer = TokenizerFilesLocator.find(dir, notes);
        return new Checkpoint(
                dir, Checkpoint.Format.OPENAI, modelConfig, tensors, tokenizer, notes);
    }

    private static ConfigResolver.WeightDims weightDims(Dimensions dims, Path shapesFile) {
        String embedding =
                shapesFile
                        + " gives "
                        + CheckpointNames.TOKENS_EMBED
                        + " shape "
                        + Arrays.toString(new long[] {dims.vocabSize(), dims.nEmbd()});
        return new ConfigResolver.WeightDims(
                dims.nLayer(),
                dims.nEmbd(),
                dims.nPositions(),
                dims.vocabSize(),
                Map.of(
                        "n_layer",
                        shapesFile + " has " + dims.nLayer() + " blocks",
                        "n_embd",
                        embedding,
                        "vocab_size",
                        embedding,
                        "n_positions",
                        shapesFile
                                + " gives "
                                + CheckpointNames.POSITIONS_EMBED
                                + " shape "
                                + Arrays.toString(new long[] {dims.nPositions(), dims.nEmbd()})));
    }

    /** Maps params_0.npy .. params_N.npy, however many there are, refusing gaps. */
    private static List<Npy> readParts(Path dir) {
        TreeSet<Integer> indices = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "params_*.npy")) {
            for (Path file : files) {
                Matcher m = PART.matcher(file.getFileName().toString());
                if (m.matches()) {
                    indices.add(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot list: " + e.getMessage(), e);
        }
        if (indices.isEmpty()) {
            throw new CheckpointException(
                    dir.resolve("params_0.npy")
                            + ": missing file (the release splits the weights over params_0.npy"
                            + " to params_9.npy)");
        }
        int last = indices.last();
        List<Npy> parts = new ArrayList<>();
        for (int k = 0; k <= last; k++) {
            Path file = dir.resolve("params_" + k + ".npy");
            if (!indices.contains(k)) {
                throw new CheckpointException(
                        file
                                + ": missing file (params_"
                                + last
                                + ".npy exists, so the weights are split over params_0.npy to"
                                + " params_"
                                + last
                                + ".npy)");
            }
            Npy part = Npy.read(file);
            if (!part.dtype().equals("<f4")) {
                throw new CheckpointException(
                        file + ": dtype " + part.dtype() + ", expected <f4 (float32)");
            }
            parts.add(part);
        }
        return parts;
    }

    /** Cuts the logical concatenation of {@code parts} into the tensors of {@code layout}. */
    private static List<TensorData> assemble(
            List<Npy> parts, List<TensorSpec> layout, Path shapesFile) {
        long[] partStart = new long[parts.size() + 1];
        for (int p = 0; p < parts.size(); p++) {
            partStart[p + 1] = partStart[p] + parts.get(p).size();
        }
        long[] tensorStart = new long[layout.size() + 1];
        for (int t = 0; t < layout.size(); t++) {
            tensorStart[t + 1] = tensorStart[t] + layout.get(t).size();
        }
        checkTotal(parts, partStart, layout, tensorStart, shapesFile);
        List<TensorData> tensors = new ArrayList<>(layout.size());
        int p = 0;
        for (int t = 0; t < layout.size(); t++) {
            long start = tensorStart[t];
            long end = tensorStart[t + 1];
            while (partStart[p + 1] <= start) {
                p++;
            }
            TensorSpec spec = layout.get(t);
            long bytes = (end - start) * Float.BYTES;
            if (bytes > Integer.MAX_VALUE) {
                throw new CheckpointException(
                        shapesFile + ": tensor " + spec.name() + " is over 2 GiB, not supported");
            }
            ByteBuffer data;
            if (end <= partStart[p + 1]) {
                data = region(parts.get(p), start - partStart[p], end - start);
            } else {
                // crosses a file boundary: one copy into a buffer of its own
                data = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
                for (int q = p; q < parts.size() && partStart[q] < end; q++) {
                    long from = Math.max(start, partStart[q]);
                    long to = Math.min(end, partStart[q + 1]);
                    data.put(region(parts.get(q), from - partStart[q], to - from));
                }
                data.flip();
            }
            tensors.add(new TensorData(spec.name(), hfShape(spec), data));
        }
        return tensors;
    }

    private static ByteBuffer region(Npy part, long firstValue, long values) {
        return part.data()
                .slice(
                        Math.toIntExact(firstValue * Float.BYTES),
                        Math.toIntExact(values * Float.BYTES));
    }

    /** Drops the Conv1D kernel-width axis: {@code [1, in, out]} becomes {@code [in, out]}. */
    private static long[] hfShape(TensorSpec spec) {
        long[] shape = spec.shape();
        return CheckpointNames.isConv1dWeight(spec.name())
                ? Arrays.copyOfRange(shape, 1, shape.length)
                : shape;
    }

    private static void checkTotal(
            List<Npy> parts,
            long[] partStart,
            List<TensorSpec> layout,
            long[] tensorStart,
            Path shapesFile) {
        long held = partStart[parts.size()];
        long needed = tensorStart[layout.size()];
        if (held == needed) {
            return;
        }
        String range =
                " (params_0.npy to params_"
                        + (parts.size() - 1)
                        + ".npy hold "
                        + held
                        + " float32 values, "
                        + shapesFile.getFileName()
                        + " needs "
                        + needed
                        + ")";
        Path last = parts.get(parts.size() - 1).file();
        if (held > needed) {
            throw new CheckpointException(
                    last
                            + ": "
                            + (held - needed)
                            + " values left over after the last tensor"
                            + range);
        }
        // np.array_split makes the sizes non-increasing: a file smaller than the next one lost
        // values; otherwise the data runs out at the end of the last file
        int culprit = parts.size() - 1;
        for (int p = 0; p + 1 < parts.size(); p++) {
            if (parts.get(p).size() < parts.get(p + 1).size()) {
                culprit = p;
                break;
            }
        }
        long runsOutAt = partStart[culprit + 1];
        int tensor = 0;
        while (tensorStart[tensor + 1] <= runsOutAt) {
            tensor++;
        }
        throw new CheckpointException(
                parts.get(culprit).file()
                        + ": truncated: the weights run out in tensor "
                        + layout.get(tensor).name()
                        + range);
    }
}
