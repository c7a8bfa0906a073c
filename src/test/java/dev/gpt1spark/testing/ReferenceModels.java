package dev.gpt1spark.testing;

import dev.gpt1spark.checkpoint.Checkpoint;
import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Precision;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The reference checkpoints paired with their goldens, loaded once per test JVM. */
public final class ReferenceModels {
    private static final Map<String, Gpt1Model> LOADED = new ConcurrentHashMap<>();

    private ReferenceModels() {}

    /** How a model's blocks run. */
    public enum Blocks {
        /** One TorchScript call per block, the inference path. */
        FUSED,
        /** One DJL call per operation, as training runs them. */
        OP_BY_OP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A checkpoint folder under {@code reference/}, its n_head override and its golden set. */
    public record Reference(String folder, Integer nHead, String goldens) {
        public Path dir() {
            return SharedFixtures.reference().resolve(folder);
        }

        /** The float32 model as inference loads it (fused blocks). */
        public Gpt1Model model() {
            return model(Blocks.FUSED);
        }

        /** The float32 model with its blocks run as asked. */
        public Gpt1Model model(Blocks blocks) {
            return LOADED.computeIfAbsent(
                    folder + "/" + blocks,
                    f -> {
                        Checkpoint checkpoint = CheckpointReader.read(dir(), nHead);
                        return blocks == Blocks.FUSED
                                ? Gpt1Model.load(checkpoint)
                                : Gpt1Model.loadOpByOp(checkpoint, Precision.FP32);
                    });
        }

        public Goldens golden() {
            return Goldens.of(goldens);
        }

        @Override
        public String toString() {
            return folder;
        }
    }

    /** Model A in the original format (n_head cannot be inferred: 4), HF tanh and HF erf. */
    public static List<Reference> all() {
        return List.of(
                new Reference("tiny-openai", 4, "tiny-tanh"),
                new Reference("tiny-hf", null, "tiny-tanh"),
                new Reference("tiny-hf-erf", null, "tiny-erf"));
    }

    /**
     * The references the golden tests run, each with both ways of running its blocks: tiny-hf and
     * tiny-hf-erf. tiny-openai is not among them: it holds tiny-hf's weights and config, and
     * GoldenForwardTest checks that it computes tiny-hf's outputs bit for bit.
     */
    public static Stream<Arguments> withBlocks() {
        return all().stream()
                .filter(r -> r.nHead() == null)
                .flatMap(r -> Arrays.stream(Blocks.values()).map(b -> Arguments.of(r, b)));
    }

    /** The HF tanh model, for tests that need one model. */
    public static Gpt1Model tinyHf() {
        return all().get(1).model();
    }
}
