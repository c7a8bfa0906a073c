package dev.gpt1spark.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a pre-training checkpoint folder {@code epoch-N} records beside the weights, so that {@code
 * --resume} can continue: the epoch, the optimiser steps taken (the learning-rate schedule's
 * position), Adam's update count (its moments are in {@link AdamCheckpoint#FILE}), the run's
 * settings (a resumed run must use the same) and the epochs so far.
 *
 * @param epoch the epoch this checkpoint ends
 * @param steps optimiser steps taken up to here
 * @param adamUpdates Adam's update count, fewer than {@code steps} after a resume that restarted
 *     Adam; 0 in a folder written before Adam's state was saved
 * @param settings the options, block size and block counts of the run, compared on resume
 * @param history one report per epoch so far
 */
record PretrainState(
        int epoch, int steps, int adamUpdates, String settings, List<PretrainEpoch> history) {
    static final String FILE = "pretrain_state.json";
    private static final Pattern EPOCH_DIR = Pattern.compile("epoch-(\\d+)");
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static Path folder(Path output, int epoch) {
        return output.resolve("epoch-" + epoch);
    }

    void write(Path folder) {
        try {
            JSON.writeValue(folder.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(FILE), e);
        }
    }

    /** The state of the latest complete epoch folder under {@code output}, if any. */
    static Optional<PretrainState> latest(Path output) {
        if (!Files.isDirectory(output)) {
            return Optional.empty();
        }
        try (Stream<Path> children = Files.list(output)) {
            Optional<Path> last =
                    children.filter(p -> Files.exists(p.resolve(FILE)))
                            .filter(p -> EPOCH_DIR.matcher(p.getFileName().toString()).matches())
                            .max(
                                    (a, b) ->
                                            Integer.compare(
                                                    epochOf(a.getFileName().toString()),
                                                    epochOf(b.getFileName().toString())));
            if (last.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    JSON.readValue(last.get().resolve(FILE).toFile(), PretrainState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoints in " + output, e);
        }
    }

    private static int epochOf(String name) {
        Matcher m = EPOCH_DIR.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }
}
