package dev.gpt1spark.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.gpt1spark.model.AttentionMask;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.model.KvCache;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Continues prompts, several at a time, with a key/value cache.
 *
 * <p>Prompts of a micro-batch are LEFT-padded so that every row's next token lands in the same
 * column; each row gets its own position ids (0 at its first real token) and a mask that hides pad
 * keys, so a row's tokens do not depend on the others in its batch. Prompts longer than n_positions
 * − max new tokens keep their last tokens. A prompt may carry its own options (per-row length,
 * temperature, top-p and seed). One instance per thread.
 */
public final class Generator {
    private final Gpt1Model model;
    private final Gpt1Network network;
    private final Gpt1Tokenizer tokenizer;
    private final GenerationOptions options;
    private final int nPositions;

    public Generator(Gpt1Model model, GenerationOptions options) {
        int nPositions = model.config().nPositions();
        if (options.maxNewTokens() >= nPositions) {
            throw new IllegalArgumentException(
                    "max new tokens "
                            + options.maxNewTokens()
                            + " leaves no room for a prompt: it must be below n_positions "
                            + nPositions);
        }
        this.model = model;
        this.network = model.network();
        this.tokenizer = model.tokenizer();
        this.options = options;
        this.nPositions = nPositions;
    }

    /** Continues each prompt, in order. */
    public List<Generation> generate(List<Prompt> prompts) {
        List<Prompt> fitted = new ArrayList<>(prompts.size());
        int[] costs = new int[prompts.size()];
        for (int i = 0; i < prompts.size(); i++) {
            Prompt p = prompts.get(i);
            if (p.ids().length == 0) {
                throw new IllegalArgumentException("empty prompt for document " + p.documentId());
            }
            long[] ids = p.ids();
            int maxNew = optionsOf(p).maxNewTokens();
            int budget = nPositions - maxNew;
            if (ids.length > budget) { // keep the end: it is what the continuation follows
                ids = Arrays.copyOfRange(ids, ids.length - budget, ids.length);
            }
            fitted.add(p.withIds(ids));
            costs[i] = ids.length + maxNew;
        }
        Generation[] results = new Generation[prompts.size()];
        // a batch makes 1 + max_new forward calls, each streaming all the weights
        int callPositions = MicroBatches.FORWARD_CALL_POSITIONS * (1 + options.maxNewTokens());
        for (int[] group : MicroBatches.plan(costs, options.batchTokens(), callPositions)) {
            List<Prompt> batch = new ArrayList<>(group.length);
            for (int index : group) {
                batch.add(fitted.get(index));
            }
            List<Generation> out = generateBatch(batch);
            long tokens = 0;
            for (int i = 0; i < group.length; i++) {
                results[group[i]] = out.get(i);
                tokens += batch.get(i).ids().length + out.get(i).nGenerated();
            }
            BatchMeter.batchDone(group.length, tokens);
        }
        return Arrays.asList(results);
    }

    private List<Generation> generateBatch(List<Prompt> prompts) {
        int b = prompts.size();
        int width = prompts.stream().mapToInt(p -> p.ids().length).max().orElseThrow();
        int total =
                width
                        + prompts.stream()
                                .mapToInt(p -> optionsOf(p).maxNewTokens())
                                .max()
                                .orElseThrow();
        boolean[][] real = new boolean[b][total];
        long[][] sequence = new long[b][total];
        long[][] positions = new long[b][total];
        List<GenerationRow> rows = new ArrayList<>(b);
        for (int r = 0; r < b; r++) {
            long[] ids = prompts.get(r).ids();
            int pad = width - ids.length;
            for (int j = pad; j < total; j++) {
                real[r][j] = true;
                // past a shorter row's own end its columns are never read: keep them in range
                positions[r][j] = Math.min(j - pad, nPositions - 1);
            }
            System.arraycopy(ids, 0, sequence[r], pad, ids.length);
            rows.add(
                    new GenerationRow(
                            prompts.get(r), optionsOf(prompts.get(r)), model.config().vocabSize()));
        }
        try (NDManager batchManager = model.newManager();
                KvCache cache =
                        options.useCache()
                                ? new KvCache(
                                        batchManager,
                                        model.config(),
                                        b,
                                        total - 1,
                                        network.precision())
                                : null) {
            // Prefill: the whole (padded) prompt once.
            float[][] logits = lastLogits(batchManager, sequence, positions, real, 0, width, cache);
            for (int step = 0; ; step++) {
                int column = width + step;
                boolean running = false;
                for (int r = 0; r < b; r++) {
                    GenerationRow row = rows.get(r);
                    if (!row.done()) {
                        sequence[r][column] = row.next(logits[r], tokenizer);
                        running |= !row.done();
                    }
                }
                if (!running) {
                    break;
                }
                // Decode: only the new column through the cache, or everything again without one.
                logits =
                        cache != null
                                ? lastLogits(
                                        batchManager,
                                        sequence,
                                        positions,
                                        real,
                                        column,
                                        column + 1,
                                        cache)
                                : lastLogits(
                                        batchManager,
                                        sequence,
                                        positions,
                                        real,
                                        0,
                                        column + 1,
                                        null);
            }
        }
        List<Generation> out = new ArrayList<>(b);
        for (GenerationRow row : rows) {
            out.add(row.result(tokenizer));
        }
        return out;
    }

    private GenerationOptions optionsOf(Prompt p) {
        return p.options() != null ? p.options() : options;
    }

    /** Runs columns [from, to) and returns each row's next-token logits at column to − 1. */
    private float[][] lastLogits(
            NDManager parent,
            long[][] sequence,
            long[][] positions,
            boolean[][] real,
            int from,
            int to,
            KvCache cache) {
        int b = sequence.length;
        int t = to - from;
        long[] ids = new long[b * t];
        long[] pos = new long[b * t];
        for (int r = 0; r < b; r++) {
            System.arraycopy(sequence[r], from, ids, r * t, t);
            System.arraycopy(positions[r], from, pos, r * t, t);
        }
        try (NDManager step = parent.newSubManager()) {
            NDArray idArray = step.create(ids, new Shape(b, t));
            NDArray posArray = step.create(pos, new Shape(b, t));
            NDArray mask = AttentionMask.padded(step, real, t, from, network.precision());
            NDArray hidden = network.hiddenStates(idArray, posArray, mask, cache); // (B, t, D)
            NDArray last = hidden.get(new NDIndex(":, -1")); // (B, D)
            return Rows.of(network.lmLogits(last)); // (B, V)
        }
    }
}
