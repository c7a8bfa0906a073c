package dev.gpt1spark.testing;

import dev.gpt1spark.checkpoint.CheckpointReader;
import dev.gpt1spark.model.Gpt1Model;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The reference checkpoints paired with their goldens, loaded once per test JVM. */
public final class ReferenceModels {
    private static final Map<String, Gpt1Model> LOADED = new ConcurrentHashMap<>();

    private ReferenceModels() {}

    /** A checkpoint folder under {@code reference/}, its n_head override and its golden set. */
    public record Reference(String folder, Integer nHead, String goldens) {
        public Path dir() {
            return SharedFixtures.reference().resolve(folder);
        }

        public Gpt1Model model() {
            return LOADED.computeIfAbsent(
                    folder, f -> Gpt1Model.load(CheckpointReader.read(dir(), nHead)));
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

    /** The HF tanh model, for tests that need one model. */
    public static Gpt1Model tinyHf() {
        return all().get(1).model();
    }
}
