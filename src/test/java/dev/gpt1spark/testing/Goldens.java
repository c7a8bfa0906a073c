package dev.gpt1spark.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.checkpoint.Npy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The golden outputs of one reference set, e.g. {@code goldens/tiny-tanh}. */
public final class Goldens {
    private final Path dir;
    private final JsonNode index;

    private Goldens(Path dir) {
        this.dir = dir;
        try {
            this.index = new ObjectMapper().readTree(dir.resolve("index.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tiny-tanh} or {@code tiny-erf}. */
    public static Goldens of(String set) {
        return new Goldens(SharedFixtures.reference().resolve("goldens").resolve(set));
    }

    public Path dir() {
        return dir;
    }

    public List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : index.get("cases")) {
            cases.add(new Case(dir.resolve("cases").resolve(c.get("name").asText()), c));
        }
        return cases;
    }

    public Npy paddedBatch(String file) {
        return Npy.read(dir.resolve("padded_batch").resolve(file));
    }

    public JsonNode paddedBatchInfo() {
        return index.get("padded_batch");
    }

    /** One golden sequence. */
    public record Case(Path dir, JsonNode json) {
        public String name() {
            return json.get("name").asText();
        }

        public long[] ids() {
            long[] ids = new long[json.get("ids").size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = json.get("ids").get(i).asLong();
            }
            return ids;
        }

        public float[] floats(String file) {
            return Npy.read(dir.resolve(file)).toFloatArray();
        }

        public int[] ints(String file) {
            return Npy.read(dir.resolve(file)).toIntArray();
        }

        /** The golden greedy continuation, or null when the case has none (T > 17). */
        public long[] greedy() {
            JsonNode g = json.get("greedy");
            if (g == null || g.isNull()) {
                return null;
            }
            JsonNode ids = g.get("new_ids");
            long[] out = new long[ids.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = ids.get(i).asLong();
            }
            return out;
        }

        /** A number from the index, or null when it is null there. */
        public Double number(String key) {
            JsonNode n = json.get(key);
            return n == null || n.isNull() ? null : n.asDouble();
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
