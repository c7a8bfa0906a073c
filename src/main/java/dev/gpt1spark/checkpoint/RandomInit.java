package dev.gpt1spark.checkpoint;

import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import dev.gpt1spark.config.ModelConfig;
import dev.gpt1spark.settings.SettingText;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Creates an in-memory checkpoint with GPT-1's initialisation, for tests, benchmarks and training
 * from scratch.
 *
 * <p>As in the paper's code: embedding, Conv1D and {@code score.weight} values are N(0, 0.02²),
 * biases 0, LayerNorm gains 1 and biases 0.
 *
 * <p>Determinism: each tensor is filled in chunks of {@value #CHUNK_VALUES} values, and chunk
 * {@code c} of tensor {@code name} draws from its own {@link SplittableRandom} seeded with {@code
 * mix(mix(seed ^ fnv1a64(name)) + c)} (SplitMix64's finaliser as {@code mix}). Normal values come
 * from the Marsaglia polar method on {@code nextDouble()} with {@link StrictMath#log}, so the
 * result depends only on the seed, the configuration and the tensor names: not on the thread count,
 * the order of filling or the JVM.
 */
public final class RandomInit {

    /** Standard deviation of the random weights, GPT-1's initializer_range. */
    public static final double STDDEV = 0.02;

    /** Values per independently seeded chunk, the unit of parallel work. */
    static final int CHUNK_VALUES = 1 << 20;

    private RandomInit() {}

    /**
     * A checkpoint of shape {@code config} with random weights, held in direct buffers.
     *
     * @throws IllegalArgumentException for an invalid configuration
     */
    public static Checkpoint create(ModelConfig config, long seed) {
        List<TensorSpec> specs = CheckpointNames.expected(config);
        List<TensorData> tensors = new ArrayList<>(specs.size());
        List<Runnable> chunks = new ArrayList<>();
        for (TensorSpec spec : specs) {
            long bytes = spec.size() * Float.BYTES;
            if (bytes > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(spec + " is over 2 GiB");
            }
            // allocateDirect zero-fills, which is already right for every bias
            ByteBuffer data = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            tensors.add(new TensorData(spec.name(), spec.shape(), data));
            FloatBuffer values = data.asFloatBuffer();
            if (CheckpointNames.isLayerNormGain(spec.name())) {
                while (values.hasRemaining()) {
                    values.put(1f);
                }
            } else if (spec.name().endsWith(".weight")) {
                long nameSeed = mix(seed ^ fnv1a64(spec.name()));
                int n = (int) spec.size();
                for (int start = 0, c = 0; start < n; start += CHUNK_VALUES, c++) {
                    long chunkSeed = mix(nameSeed + c);
                    int from = start;
                    int to = Math.min(n, start + CHUNK_VALUES);
                    chunks.add(() -> fillNormal(values, from, to, chunkSeed));
                }
            }
        }
        IntStream.range(0, chunks.size()).parallel().forEach(i -> chunks.get(i).run());
        List<SettingText> notes =
                List.of(
                        new SettingText(
                                "random initialisation, seed "
                                        + seed
                                        + ": N(0, 0.02²) embedding, Conv1D and score weights,"
                                        + " zero biases, LayerNorm gain 1"));
        return Checkpoint.inMemory(config, tensors, notes);
    }

    /** Fills values[from, to) with N(0, STDDEV²), two values per accepted polar pair. */
    private static void fillNormal(FloatBuffer values, int from, int to, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int i = from;
        while (i < to) {
            double u;
            double v;
            double s;
            do {
                u = 2 * random.nextDouble() - 1;
                v = 2 * random.nextDouble() - 1;
                s = u * u + v * v;
            } while (s >= 1 || s == 0);
            double scale = STDDEV * Math.sqrt(-2 * StrictMath.log(s) / s);
            values.put(i++, (float) (u * scale));
            if (i < to) {
                values.put(i++, (float) (v * scale));
            }
        }
    }

    private static long fnv1a64(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
