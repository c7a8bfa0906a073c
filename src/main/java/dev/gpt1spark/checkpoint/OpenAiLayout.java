package dev.gpt1spark.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.checkpoint.CheckpointNames.TensorSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The original release's {@code params_shapes.json}: its tensor order, its shapes and the
 * dimensions they imply.
 *
 * <p>The list is positions {@code [n_positions, D]}, tokens {@code [vocab, D]}, then 12 arrays per
 * block in the order of {@link CheckpointNames} (a block's order is the same in both formats).
 * Conv1D weights carry a leading kernel-width axis of 1: {@code [1, in, out]}.
 */
final class OpenAiLayout {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Dimensions implied by the shapes (n_head is not among them: the format cannot say).
     *
     * @param nLayer {@code (len - 2) / 12}
     * @param nEmbd {@code shapes[1][1]}
     * @param nPositions {@code shapes[0][0]}
     * @param vocabSize {@code shapes[1][0]}
     */
    record Dimensions(int nLayer, int nEmbd, int nPositions, int vocabSize) {}

    private OpenAiLayout() {}

    /** Parses {@code params_shapes.json}: a JSON list of integer lists. */
    static List<long[]> readShapes(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": missing file", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new CheckpointException(file + ": not a JSON list of shapes");
        }
        List<long[]> shapes = new ArrayList<>();
        for (JsonNode shape : root) {
            if (!shape.isArray()) {
                throw new CheckpointException(
                        file + ": shape " + shapes.size() + " is not a list: " + shape);
            }
            long[] dims = new long[shape.size()];
            for (int i = 0; i < dims.length; i++) {
                JsonNode d = shape.get(i);
                if (!d.isIntegralNumber() || d.asLong() < 0) {
                    throw new CheckpointException(
                            file + ": shape " + shapes.size() + " is not a shape: " + shape);
                }
                dims[i] = d.asLong();
            }
            shapes.add(dims);
        }
        return shapes;
    }

    /**
     * Infers the dimensions and checks every shape against them.
     *
     * @throws CheckpointException naming {@code file} and the tensor when the count is not {@code 2
     *     + 12 n_layer} or a shape differs from what the embeddings imply
     */
    static Dimensions infer(List<long[]> shapes, Path file) {
        int count = shapes.size();
        if (count < 2 || (count - 2) % 12 != 0) {
            throw new CheckpointException(
                    file
                            + ": "
                            + count
                            + " shapes, expected 2 + 12 × n_layer"
                            + " (positions, tokens, then 12 per block)");
        }
        if (shapes.get(0).length != 2 || shapes.get(1).length != 2) {
            throw new CheckpointException(
                    file
                            + ": shapes 0 and 1 must be the embeddings [n_positions, n_embd] and"
                            + " [vocab, n_embd], got "
                            + Arrays.toString(shapes.get(0))
                            + " and "
                            + Arrays.toString(shapes.get(1)));
        }
        Dimensions dims =
                new Dimensions(
                        (count - 2) / 12,
                        toInt(shapes.get(1)[1], file),
                        toInt(shapes.get(0)[0], file),
                        toInt(shapes.get(1)[0], file));
        List<TensorSpec> expected = layout(dims);
        for (int i = 0; i < count; i++) {
            if (!Arrays.equals(shapes.get(i), expected.get(i).shape())) {
                throw new CheckpointException(
                        file
                                + ": shape "
                                + i
                                + " ("
                                + expected.get(i).name()
                                + ") is "
                                + Arrays.toString(shapes.get(i))
                                + ", expected "
                                + Arrays.toString(expected.get(i).shape()));
            }
        }
        return dims;
    }

    /** The tensors in file order, under canonical names but with the release's shapes. */
    static List<TensorSpec> layout(Dimensions dims) {
        List<TensorSpec> canonical =
                CheckpointNames.expected(
                        dims.nLayer(), dims.nEmbd(), dims.nPositions(), dims.vocabSize(), 0);
        List<TensorSpec> specs = new ArrayList<>(canonical.size());
        // the release stores positions before tokens
        specs.add(canonical.get(1));
        specs.add(canonical.get(0));
        for (TensorSpec spec : canonical.subList(2, canonical.size())) {
            specs.add(CheckpointNames.isConv1dWeight(spec.name()) ? withKernelAxis(spec) : spec);
        }
        return specs;
    }

    private static TensorSpec withKernelAxis(TensorSpec spec) {
        long[] shape = spec.shape();
        long[] withAxis = new long[shape.length + 1];
        withAxis[0] = 1;
        System.arraycopy(shape, 0, withAxis, 1, shape.length);
        return new TensorSpec(spec.name(), withAxis);
    }

    private static int toInt(long value, Path file) {
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw new CheckpointException(file + ": implausible dimension " + value);
        }
        return (int) value;
    }
}
