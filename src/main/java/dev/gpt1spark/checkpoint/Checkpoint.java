package dev.gpt1spark.checkpoint;

import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.SettingText;
import dev.gpt1spark.settings.Spelling;
import dev.gpt1spark.tokenizer.TokenizerFiles;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GPT-1 checkpoint in memory: its configuration and float32 tensors under canonical names.
 *
 * <p>Whatever the source format, {@link #tensors()} holds exactly {@link
 * CheckpointNames#expected(ModelConfig)}, in that order, with Hugging Face's unprefixed names and
 * {@code [in, out]} Conv1D weights. Tensors read from files are usually views of memory-mapped
 * files, so a checkpoint costs little heap. Instances are immutable and safe to share between
 * threads.
 *
 * <pre>{@code
 * Checkpoint checkpoint = CheckpointReader.read(Path.of("model"), 12);
 * TensorData wte = checkpoint.tensor(CheckpointNames.TOKENS_EMBED);
 * }</pre>
 */
public final class Checkpoint {

    /** The on-disk layout a checkpoint was read from. */
    public enum Format {
        /** The original release: {@code params_shapes.json} and {@code params_N.npy}. */
        OPENAI,
        /** Hugging Face: {@code config.json} and {@code model.safetensors}. */
        HF
    }

    // values sampled per tensor for the fingerprint
    private static final int FINGERPRINT_SAMPLES = 64;

    private final Path directory;
    private final Format format;
    private final ModelConfig config;
    private final Map<String, TensorData> tensors;
    private final Optional<TokenizerFiles> tokenizerFiles;
    private final List<SettingText> notes;
    private volatile String fingerprint;

    Checkpoint(
            Path directory,
            Format format,
            ModelConfig config,
            Collection<TensorData> tensors,
            Optional<TokenizerFiles> tokenizerFiles,
            List<SettingText> notes) {
        this.directory = directory;
        this.format = format;
        this.config = config;
        this.tensors = Collections.unmodifiableMap(canonicalOrder(config, tensors));
        this.tokenizerFiles = tokenizerFiles;
        this.notes = List.copyOf(notes);
    }

    /**
     * Wraps tensors that are already in memory (a fresh initialisation, a converted model) as a
     * checkpoint with no directory; its format is {@link Format#HF}, whose names it uses.
     *
     * @throws IllegalArgumentException when the tensors are not exactly those {@code config}
     *     implies, with their shapes
     */
    public static Checkpoint inMemory(
            ModelConfig config, Collection<TensorData> tensors, List<SettingText> notes) {
        return new Checkpoint(null, Format.HF, config, tensors, Optional.empty(), notes);
    }

    /**
     * Rebuilds a checkpoint from its parts elsewhere (e.g. on a Spark executor, from what the
     * driver shipped), keeping its original format and its tokenizer.
     */
    public static Checkpoint rebuilt(
            Format format,
            ModelConfig config,
            Collection<TensorData> tensors,
            Optional<TokenizerFiles> tokenizerFiles,
            List<SettingText> notes) {
        return new Checkpoint(null, format, config, tensors, tokenizerFiles, notes);
    }

    /** The folder it was read from, or null for an in-memory checkpoint. */
    public Path directory() {
        return directory;
    }

    /** The layout it was read from ({@link Format#HF} for in-memory checkpoints). */
    public Format format() {
        return format;
    }

    /** The model's hyper-parameters. */
    public ModelConfig config() {
        return config;
    }

    /** Every tensor by canonical name, in canonical order (see {@link CheckpointNames}). */
    public Map<String, TensorData> tensors() {
        return tensors;
    }

    /**
     * One tensor by canonical name.
     *
     * @throws IllegalArgumentException if the checkpoint has no such tensor
     */
    public TensorData tensor(String name) {
        TensorData tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no tensor " + name + " in " + this);
        }
        return tensor;
    }

    /** The tokenizer files found beside the weights; empty means "use the bundled tokenizer". */
    public Optional<TokenizerFiles> tokenizerFiles() {
        return tokenizerFiles;
    }

    /**
     * Facts about how the checkpoint was read: where n_head came from, what was ignored; settings
     * named by key ({@link #notes(Spelling)} spells them otherwise).
     */
    public List<String> notes() {
        return notes(Spelling.KEY);
    }

    /** The notes with setting names written in {@code spelling}. */
    public List<String> notes(Spelling spelling) {
        return notes.stream().map(n -> n.in(spelling)).toList();
    }

    /** The notes as texts, to copy into a checkpoint derived from this one. */
    public List<SettingText> noteTexts() {
        return notes;
    }

    /** Total number of values over all tensors (116,534,784 for the released GPT-1). */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(TensorData::size).sum();
    }

    /**
     * A short identifier of the model: 16 hex digits of a SHA-256.
     *
     * <p>It covers the whole configuration (dimensions, activation, epsilon, labels), every tensor
     * name and shape, and {@value #FINGERPRINT_SAMPLES} evenly spaced values of each tensor (first
     * and last included). It does not depend on the directory, the file format or F16/F32 storage
     * of the same values, and reading it touches only a few pages per tensor. Being a sample, it
     * identifies a checkpoint for caching; it is not an integrity check.
     */
    public String fingerprint() {
        String result = fingerprint;
        if (result == null) {
            result = computeFingerprint();
            fingerprint = result;
        }
        return result;
    }

    @Override
    public String toString() {
        return "Checkpoint["
                + (directory == null ? "in memory" : format + " " + directory)
                + ", "
                + config.nLayer()
                + " layers, n_embd "
                + config.nEmbd()
                + ", "
                + parameterCount()
                + " parameters]";
    }

    private String computeFingerprint() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        String header =
                "gpt1-checkpoint/1 n_layer="
                        + config.nLayer()
                        + " n_head="
                        + config.nHead()
                        + " n_embd="
                        + config.nEmbd()
                        + " n_positions="
                        + config.nPositions()
                        + " vocab_size="
                        + config.vocabSize()
                        + " afn="
                        + config.activation().configName()
                        + " eps="
                        + config.layerNormEpsilon()
                        + " labels="
                        + config.labels()
                        // absent for plain checkpoints, so their fingerprints stay as they were
                        + (config.taskFormat() == null ? "" : " task=" + config.taskFormat())
                        + "\n";
        sha.update(header.getBytes(StandardCharsets.UTF_8));
        for (TensorData tensor : tensors.values()) {
            String line = tensor.name() + " " + Arrays.toString(tensor.shape()) + "\n";
            sha.update(line.getBytes(StandardCharsets.UTF_8));
            ByteBuffer data = tensor.data();
            long n = tensor.size();
            long samples = Math.min(n, FINGERPRINT_SAMPLES);
            for (long k = 0; k < samples; k++) {
                long index = samples == 1 ? 0 : k * (n - 1) / (samples - 1);
                sha.update(data.slice((int) (index * Float.BYTES), Float.BYTES));
            }
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    private static Map<String, TensorData> canonicalOrder(
            ModelConfig config, Collection<TensorData> tensors) {
        checkConfig(config);
        Map<String, TensorData> byName = new LinkedHashMap<>();
        for (TensorData tensor : tensors) {
            if (byName.put(tensor.name(), tensor) != null) {
                throw new IllegalArgumentException("duplicate tensor " + tensor.name());
            }
        }
        Map<String, TensorData> ordered = new LinkedHashMap<>();
        for (TensorSpec spec : CheckpointNames.expected(config)) {
            TensorData tensor = byName.remove(spec.name());
            if (tensor == null) {
                throw new IllegalArgumentException("missing tensor " + spec.name());
            }
            if (!Arrays.equals(tensor.shape(), spec.shape())) {
                throw new IllegalArgumentException(
                        "tensor "
                                + spec.name()
                                + " has shape "
                                + Arrays.toString(tensor.shape())
                                + ", expected "
                                + Arrays.toString(spec.shape()));
            }
            ordered.put(spec.name(), tensor);
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("unexpected tensors " + byName.keySet());
        }
        return ordered;
    }

    private static void checkConfig(ModelConfig config) {
        if (config.nLayer() < 0
                || config.nHead() <= 0
                || config.nEmbd() <= 0
                || config.nPositions() <= 0
                || config.vocabSize() <= 0
                || config.nEmbd() % config.nHead() != 0
                || !(config.layerNormEpsilon() > 0)) {
            throw new IllegalArgumentException("invalid model configuration " + config);
        }
    }
}
