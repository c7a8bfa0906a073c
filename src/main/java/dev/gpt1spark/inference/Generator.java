package dev.gpt1spark.inference;

import ai.djl.ndarray.NDManager;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.model.KvCache;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Continues prompts, several at a time, with a key/value cache.
 *
 * <p>Prompts of a micro-batch are LEFT-padded, to the longest rounded up by {@link PaddedWidth}, so
 * that every row's next token lands in the same column; each row gets its own position ids (0 at
 * its first real token) and a mask that hides pad keys, so a row's tokens do not depend on the
 * others in its batch, to the bit (docs/batching.md). Prompts longer than n_positions − max new
 * tokens keep their last tokens. A prompt may carry its own options (per-row length, temperature,
 * top-p and seed).
 *
 * <p>With the cache, a finished row's slot takes the next waiting prompt ({@link ContinuousBatch}),
 * so a batch does not idle while its longest row ends; {@link #withoutRefill} runs each micro-batch
 * to its end instead, for comparisons. Either way a row's tokens are the same. One instance per
 * thread.
 */
public final class Generator {
    private final Gpt1Model model;
    private final Gpt1Network network;
    private final Gpt1Tokenizer tokenizer;
    private final GenerationOptions options;
    private final int nPositions;
    private final boolean refill;
    private Occupancy occupancy = Occupancy.NONE;

    /** A generator whose finished rows' slots take the next prompts (with the cache). */
    public Generator(Gpt1Model model, GenerationOptions options) {
        this(model, options, true);
    }

    /** A generator that runs each micro-batch until its longest row ends, as before refill. */
    public static Generator withoutRefill(Gpt1Model model, GenerationOptions options) {
        return new Generator(model, options, false);
    }

    private Generator(Gpt1Model model, GenerationOptions options, boolean refill) {
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
        this.refill = refill;
    }

    /** The decode steps of every {@link #generate} call so far, and how full they were. */
    public Occupancy occupancy() {
        return occupancy;
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
            costs[i] = PaddedWidth.of(ids.length) + maxNew;
        }
        Generation[] results = new Generation[prompts.size()];
        if (refill && options.useCache()) {
            generateWithRefill(fitted, costs, results);
            return Arrays.asList(results);
        }
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

    /**
     * Runs the prompts, longest first, through continuous batches. A batch has as many slots as the
     * budget gives its longest prompt; once the waiting prompts cost less than half that, the batch
     * ends and a new one with more slots takes them.
     */
    private void generateWithRefill(List<Prompt> fitted, int[] costs, Generation[] results) {
        int[] order =
                IntStream.range(0, costs.length)
                        .boxed()
                        .sorted(Comparator.comparingInt((Integer i) -> costs[i]).reversed())
                        .mapToInt(Integer::intValue)
                        .toArray();
        for (int first = 0; first < order.length; ) {
            int longest = costs[order[first]];
            int end = first;
            List<ContinuousBatch.Waiting> queue = new ArrayList<>();
            while (end < order.length && costs[order[end]] * 2 > longest) {
                Prompt p = fitted.get(order[end]);
                queue.add(new ContinuousBatch.Waiting(order[end], p, optionsOf(p)));
                end++;
            }
            int slots = Math.min(queue.size(), Math.max(1, options.batchTokens() / longest));
            occupancy = ContinuousBatch.run(model, queue, slots, results, occupancy);
            first = end;
        }
    }

    private List<Generation> generateBatch(List<Prompt> prompts) {
        int b = prompts.size();
        int width =
                PaddedWidth.of(prompts.stream().mapToInt(p -> p.ids().length).max().orElseThrow());
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
            float[][] logits =
                    LastLogits.of(
                            network, batchManager, sequence, positions, real, 0, width, cache);
            for (int step = 0; ; step++) {
                int column = width + step;
                int running = 0;
                for (int r = 0; r < b; r++) {
                    GenerationRow row = rows.get(r);
                    if (!row.done()) {
                        sequence[r][column] = row.next(logits[r], tokenizer);
                        running += row.done() ? 0 : 1;
                    }
                }
                if (running == 0) {
                    break;
                }
                if (cache != null) {
                    occupancy = occupancy.plusStep(b, running);
                }
                // Decode: only the new column through the cache, or everything again without one.
                logits =
                        cache != null
                                ? LastLogits.of(
                                        network,
                                        batchManager,
                                        sequence,
                                        positions,
                                        real,
                                        column,
                                        column + 1,
                                        cache)
                                : LastLogits.of(
                                        network,
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
}
