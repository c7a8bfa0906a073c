package dev.gpt1spark.checkpoint;

import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import dev.gpt1spark.checkpoint.Safetensors.Entry;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.tokenizer.TokenizerFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Hugging Face layout: {@code config.json} and {@code model.safetensors}.
 *
 * <p>This is where Hugging Face's spellings are mapped, once: the {@code transformer.} prefix of
 * the head models is stripped; the buffers {@code h.{i}.attn.bias} (causal mask) and {@code
 * position_ids} that old versions saved, and {@code lm_head.weight} (a tied copy of the token
 * embedding), are ignored; {@code score.weight} is the classification head.
 */
final class HfCheckpointReader {

    static final String CONFIG_FILE = "config.json";
    static final String WEIGHTS_FILE = "model.safetensors";

    private static final String PREFIX = "transformer.";
    private static final Pattern MASK_BUFFER = Pattern.compile("h\\.[0-9]+\\.attn\\.bias");
    private static final Pattern BLOCK = Pattern.compile("h\\.([0-9]+)\\..*");

    private HfCheckpointReader() {}

    static Checkpoint read(Path dir, Integer nHeadOverride) {
        List<SettingText> notes = new ArrayList<>();
        HfConfig config = HfConfig.read(dir.resolve(CONFIG_FILE));
        Safetensors file = Safetensors.open(dir.resolve(WEIGHTS_FILE));
        Map<String, Entry> byCanonicalName = canonicalEntries(file, notes);

        Entry tokens = require(file, byCanonicalName, CheckpointNames.TOKENS_EMBED);
        Entry positions = require(file, byCanonicalName, CheckpointNames.POSITIONS_EMBED);
        requireMatrix(file, tokens, "[vocab_size, n_embd]");
        requireMatrix(file, positions, "[n_positions, n_embd]");
        List<String> labels =
                labels(file, config, byCanonicalName.get(CheckpointNames.SCORE), notes);
        ModelConfig modelConfig =
                ConfigResolver.resolve(
                        weightDims(file, tokens, positions, byCanonicalName),
                        config,
                        nHeadOverride,
                        labels,
                        notes);

        List<TensorSpec> expected = CheckpointNames.expected(modelConfig);
        Set<String> expectedNames = new HashSet<>();
        expected.forEach(spec -> expectedNames.add(spec.name()));
        for (Map.Entry<String, Entry> e : byCanonicalName.entrySet()) {
            if (!expectedNames.contains(e.getKey())) {
                throw new CheckpointException(
                        file.file() + ": unexpected tensor " + e.getValue().name());
            }
        }
        List<TensorData> tensors = new ArrayList<>(expected.size());
        int widened = 0;
        for (TensorSpec spec : expected) {
            Entry entry = require(file, byCanonicalName, spec.name());
            if (!Arrays.equals(entry.shape(), spec.shape())) {
                throw new CheckpointException(
                        file.file()
                                + ": tensor "
                                + entry.name()
                                + " has shape "
                                + Arrays.toString(entry.shape())
                                + ", expected "
                                + Arrays.toString(spec.shape()));
            }
            TensorData data = file.read(entry.name());
            widened += entry.dtype().equals("F32") ? 0 : 1;
            tensors.add(new TensorData(spec.name(), data.shape(), data.data()));
        }
        if (widened > 0) {
            notes.add(new SettingText("widened " + widened + " F16/BF16 tensors to F32"));
        }
        Optional<TokenizerFiles> tokenizer = TokenizerFilesLocator.find(dir, notes);
        return new Checkpoint(dir, Checkpoint.Format.HF, modelConfig, tensors, tokenizer, notes);
    }

    /** Maps file names to canonical ones, dropping the buffers and the tied head. */
    private static Map<String, Entry> canonicalEntries(Safetensors file, List<SettingText> notes) {
        Map<String, Entry> byCanonicalName = new LinkedHashMap<>();
        int prefixed = 0;
        int masks = 0;
        for (Entry entry : file.entries().values()) {
            String name = entry.name();
            if (name.startsWith(PREFIX)) {
                name = name.substring(PREFIX.length());
                prefixed++;
            }
            if (MASK_BUFFER.matcher(name).matches()) {
                masks++; // the causal mask, rebuilt by the model
            } else if (name.equals("position_ids")) {
                notes.add(new SettingText("ignored buffer " + entry.name()));
            } else if (name.equals("lm_head.weight")) {
                notes.add(new SettingText("ignored tied " + entry.name()));
            } else if (byCanonicalName.put(name, entry) != null) {
                throw new CheckpointException(
                        file.file()
                                + ": tensor "
                                + name
                                + " appears twice (with and without "
                                + PREFIX
                                + ")");
            }
        }
        if (prefixed > 0) {
            notes.add(
                    new SettingText(
                            "stripped the " + PREFIX + " prefix from " + prefixed + " names"));
        }
        if (masks > 0) {
            notes.add(
                    new SettingText(
                            "ignored " + masks + " attention-mask buffers h.{i}.attn.bias"));
        }
        return byCanonicalName;
    }

    /** Labels for score.weight; a config's labels without a score.weight are dropped. */
    private static List<String> labels(
            Safetensors file, HfConfig config, Entry score, List<SettingText> notes) {
        if (score == null) {
            if (config.labels() != null) {
                notes.add(
                        new SettingText(
                                "ignored the labels in " + CONFIG_FILE + ": no score.weight"));
            }
            return List.of();
        }
        long[] shape = score.shape();
        if (shape.length != 2 || shape[0] < 1) {
            throw new CheckpointException(
                    file.file()
                            + ": tensor "
                            + score.name()
                            + " has shape "
                            + Arrays.toString(shape)
                            + ", expected [num_labels, n_embd]");
        }
        if (config.labels() == null) {
            notes.add(
                    new SettingText(
                            "labels LABEL_0.. for the "
                                    + shape[0]
                                    + " rows of score.weight (no id2label in "
                                    + CONFIG_FILE
                                    + ")"));
            return HfConfig.defaultLabels((int) shape[0]);
        }
        if (config.labels().size() != shape[0]) {
            throw new CheckpointException(
                    file.file()
                            + ": tensor "
                            + score.name()
                            + " has "
                            + shape[0]
                            + " rows but "
                            + config.file()
                            + " has "
                            + config.labels().size()
                            + " labels");
        }
        return config.labels();
    }

    private static ConfigResolver.WeightDims weightDims(
            Safetensors file, Entry tokens, Entry positions, Map<String, Entry> byCanonicalName) {
        TreeMap<Integer, String> blocks = new TreeMap<>();
        for (String name : byCanonicalName.keySet()) {
            Matcher m = BLOCK.matcher(name);
            if (m.matches()) {
                blocks.put(Integer.parseInt(m.group(1)), name);
            }
        }
        int nLayer = blocks.isEmpty() ? 0 : blocks.lastKey() + 1;
        String tokensEvidence =
                file.file()
                        + " has "
                        + tokens.name()
                        + " of shape "
                        + Arrays.toString(tokens.shape());
        return new ConfigResolver.WeightDims(
                nLayer,
                dim(tokens.shape()[1], file, tokens),
                dim(positions.shape()[0], file, positions),
                dim(tokens.shape()[0], file, tokens),
                Map.of(
                        "n_layer",
                        file.file()
                                + (blocks.isEmpty()
                                        ? " has no blocks"
                                        : " has blocks h.0 to h." + blocks.lastKey()),
                        "n_embd",
                        tokensEvidence,
                        "vocab_size",
                        tokensEvidence,
                        "n_positions",
                        file.file()
                                + " has "
                                + positions.name()
                                + " of shape "
                                + Arrays.toString(positions.shape())));
    }

    private static Entry require(Safetensors file, Map<String, Entry> entries, String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new CheckpointException(file.file() + ": missing tensor " + name);
        }
        return entry;
    }

    private static void requireMatrix(Safetensors file, Entry entry, String expected) {
        if (entry.shape().length != 2) {
            throw new CheckpointException(
                    file.file()
                            + ": tensor "
                            + entry.name()
                            + " has shape "
                            + Arrays.toString(entry.shape())
                            + ", expected "
                            + expected);
        }
    }

    private static int dim(long value, Safetensors file, Entry entry) {
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw new CheckpointException(
                    file.file()
                            + ": tensor "
                            + entry.name()
                            + " has shape "
                            + Arrays.toString(entry.shape()));
        }
        return (int) value;
    }
}
