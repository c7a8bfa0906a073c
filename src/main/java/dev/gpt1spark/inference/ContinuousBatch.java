package dev.gpt1spark.inference;

import ai.djl.ndarray.NDManager;
import dev.gpt1spark.model.Gpt1Model;
import dev.gpt1spark.model.Gpt1Network;
import dev.gpt1spark.model.KvCache;
import dev.gpt1spark.tokenizer.Gpt1Tokenizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Cached generation with refill: a fixed number of slots share one key/value cache, and a slot
 * whose row has finished (its length, a stop string) takes the next waiting prompt, so the batch
 * stays full until the queue is empty.
 *
 * <p>Each row's results stay its own, to the bit (docs/batching.md): a row's cache columns are
 * those it has alone, moved right by a whole number of {@link PaddedWidth#LANES}, as left padding
 * in a batch moves them. So a newcomer joins only when the shared column is a multiple of 16 (alone
 * a row starts decoding at its padded width), its prompt is prefilled in a call of its own and
 * copied in just before that column, columns are only ever moved by multiples of 16, and whatever
 * lies before a row's first token (pads, an earlier row's keys) is masked. One instance per queue.
 */
final class ContinuousBatch {
    /**
     * libtorch's CPU attention takes keys in blocks of this many; the cache is kept within one
     * block unless a single row needs more, so that no row's keys straddle a block they do not
     * straddle alone.
     */
    static final int KV_BLOCK = 512;

    /** A prompt waiting for a slot, with its place in the output and its options. */
    record Waiting(int index, Prompt prompt, GenerationOptions options) {
        int width() {
            return PaddedWidth.of(prompt.ids().length);
        }

        int maxNew() {
            return options.maxNewTokens();
        }
    }

    /** A row in a slot: where its real keys start and the column bound it writes below. */
    private static final class Active {
        final int index;
        final GenerationRow row;
        final int promptLength;
        int start;
        int end;
        long last;

        Active(int index, GenerationRow row, int promptLength, int start, int end) {
            this.index = index;
            this.row = row;
            this.promptLength = promptLength;
            this.start = start;
            this.end = end;
        }
    }

    private final Gpt1Model model;
    private final Gpt1Network network;
    private final Gpt1Tokenizer tokenizer;
    private final int nPositions;
    private final Deque<Waiting> queue;
    private final Active[] slots;
    private final int capacity;
    private final Generation[] results;
    private Occupancy occupancy;
    private int column; // the column the next decode step writes: the cache's length

    private ContinuousBatch(
            Gpt1Model model,
            List<Waiting> queue,
            int slots,
            Generation[] results,
            Occupancy occupancy) {
        this.model = model;
        this.network = model.network();
        this.tokenizer = model.tokenizer();
        this.nPositions = model.config().nPositions();
        this.queue = new ArrayDeque<>(queue);
        this.slots = new Active[slots];
        this.results = results;
        this.occupancy = occupancy;
        int widest = 0;
        int longest = 0;
        int span = 0;
        for (Waiting w : queue) {
            widest = Math.max(widest, w.width());
            longest = Math.max(longest, w.maxNew());
            span = Math.max(span, w.width() + w.maxNew() - 1);
        }
        // room for the oldest row's whole life beside the newest's: a newcomer never waits for
        // columns, unless that would take the cache past one attention block
        this.capacity = Math.max(span, Math.min(widest + 2 * longest, KV_BLOCK));
    }

    /**
     * Generates every waiting prompt, in queue order as slots free up.
     *
     * @param queue the prompts, fitted to n_positions, in the order they take slots
     * @param slots rows per decode step
     * @param results where each prompt's generation goes, at its index
     * @param occupancy the decode steps counted so far
     * @return {@code occupancy} with this queue's decode steps added
     */
    static Occupancy run(
            Gpt1Model model,
            List<Waiting> queue,
            int slots,
            Generation[] results,
            Occupancy occupancy) {
        return new ContinuousBatch(model, queue, slots, results, occupancy).run();
    }

    private Occupancy run() {
        try (NDManager manager = model.newManager();
                KvCache cache =
                        new KvCache(
                                manager,
                                model.config(),
                                slots.length,
                                capacity,
                                network.precision())) {
            float[][] logits = null;
            while (true) {
                if (logits != null) {
                    for (int s = 0; s < slots.length; s++) {
                        Active a = slots[s];
                        if (a != null) {
                            a.last = a.row.next(logits[s], tokenizer);
                            if (a.row.done()) {
                                finish(s);
                            }
                        }
                    }
                }
                if (column % PaddedWidth.LANES == 0 || busy() == 0) {
                    admit(manager, cache);
                }
                int busy = busy();
                if (busy == 0) {
                    return occupancy; // admit leaves no slot idle while a prompt waits
                }
                logits = decode(manager, cache);
                occupancy = occupancy.plusStep(slots.length, busy);
            }
        }
    }

    /** Fills free slots from the head of the queue, as far as the cache has room. */
    private void admit(NDManager manager, KvCache cache) {
        while (!queue.isEmpty()) {
            List<Integer> free = new ArrayList<>();
            for (int s = 0; s < slots.length; s++) {
                if (slots[s] == null) {
                    free.add(s);
                }
            }
            boolean idle = free.size() == slots.length;
            int take = 0;
            int width = 0;
            int maxNew = 0;
            int shift = 0;
            for (Waiting w : queue) {
                if (take == free.size()) {
                    break;
                }
                int groupWidth = Math.max(width, w.width());
                int groupMaxNew = Math.max(maxNew, w.maxNew());
                Integer by =
                        idle
                                ? (groupWidth + groupMaxNew - 1 <= capacity ? 0 : null)
                                : shiftFor(groupWidth, groupMaxNew);
                if (by == null) {
                    break;
                }
                take++;
                width = groupWidth;
                maxNew = groupMaxNew;
                shift = by;
            }
            if (take == 0) {
                return; // the rows running need the columns: the head waits for them to end
            }
            if (idle) {
                column = width; // nothing to keep: start afresh, as a batch of its own would
                cache.setLength(column);
            } else if (shift != 0) {
                move(cache, shift);
            }
            prefill(manager, cache, free.subList(0, take), width);
        }
    }

    /**
     * How far to move every row's columns so that prompts padded to {@code width} fit before the
     * current column and {@code maxNew} tokens after it; null when no move makes room. Moves left
     * when that at least halves the keys a step reads.
     */
    private Integer shiftFor(int width, int maxNew) {
        int firstKept = firstKept();
        int end = 0;
        for (Active a : slots) {
            if (a != null) {
                end = Math.max(end, a.end);
            }
        }
        int least = Math.max(width - column, -firstKept);
        int most = lanesBelow(Math.min(capacity - end, capacity - (column + maxNew - 1)));
        if (least > most) {
            return null;
        }
        if (least <= 0 && most >= 0) {
            return -least * 2 >= column ? least : 0;
        }
        return least;
    }

    /** The first column a running row still reads, rounded down to whole lanes. */
    private int firstKept() {
        int first = column;
        for (Active a : slots) {
            if (a != null) {
                first = Math.min(first, a.start);
            }
        }
        return lanesBelow(first);
    }

    private static int lanesBelow(int x) {
        return Math.floorDiv(x, PaddedWidth.LANES) * PaddedWidth.LANES;
    }

    /** Moves every running row's columns by {@code by}, a multiple of 16. */
    private void move(KvCache cache, int by) {
        cache.shift(firstKept(), column, by);
        column += by;
        cache.setLength(column);
        for (Active a : slots) {
            if (a != null) {
                a.start += by;
                a.end += by;
            }
        }
    }

    /**
     * Prefills the queue's next prompts, left-padded to {@code width}, in a call of their own,
     * copies their keys and values into {@code free} slots just before the current column, and
     * takes each one's first token.
     */
    private void prefill(NDManager manager, KvCache cache, List<Integer> free, int width) {
        int k = free.size();
        List<Waiting> group = new ArrayList<>(k);
        long[][] sequence = new long[k][width];
        long[][] positions = new long[k][width];
        boolean[][] real = new boolean[k][width];
        for (int i = 0; i < k; i++) {
            Waiting w = queue.poll();
            group.add(w);
            long[] ids = w.prompt().ids();
            int pad = width - ids.length;
            for (int j = pad; j < width; j++) {
                real[i][j] = true;
                positions[i][j] = j - pad;
            }
            System.arraycopy(ids, 0, sequence[i], pad, ids.length);
        }
        float[][] logits;
        try (KvCache prompts =
                new KvCache(manager, model.config(), k, width, network.precision())) {
            logits = LastLogits.of(network, manager, sequence, positions, real, 0, width, prompts);
            for (int i = 0; i < k; ) {
                int run = 1; // consecutive slots take one copy
                while (i + run < k && free.get(i + run) == free.get(i) + run) {
                    run++;
                }
                cache.copyRows(prompts, i, free.get(i), run, column - width);
                i += run;
            }
        }
        for (int i = 0; i < k; i++) {
            Waiting w = group.get(i);
            int length = w.prompt().ids().length;
            Active a =
                    new Active(
                            w.index(),
                            new GenerationRow(w.prompt(), w.options(), model.config().vocabSize()),
                            length,
                            column - length,
                            column + w.maxNew() - 1);
            int s = free.get(i);
            slots[s] = a;
            a.last = a.row.next(logits[i], tokenizer);
            if (a.row.done()) {
                finish(s);
            }
        }
    }

    /** One decode step: every slot's last token at the current column. */
    private float[][] decode(NDManager manager, KvCache cache) {
        int width = column + 1;
        long[][] sequence = new long[slots.length][width];
        long[][] positions = new long[slots.length][width];
        boolean[][] real = new boolean[slots.length][width];
        for (int s = 0; s < slots.length; s++) {
            Active a = slots[s];
            if (a != null) { // an idle slot computes a pad that sees only itself
                sequence[s][column] = a.last;
                positions[s][column] = Math.min(column - a.start, nPositions - 1);
                for (int j = a.start; j <= column; j++) {
                    real[s][j] = true;
                }
            }
        }
        float[][] logits =
                LastLogits.of(network, manager, sequence, positions, real, column, width, cache);
        column++;
        return logits;
    }

    private void finish(int s) {
        Active a = slots[s];
        Generation g = a.row.result(tokenizer);
        results[a.index] = g;
        BatchMeter.batchDone(1, a.promptLength + g.nGenerated());
        slots[s] = null;
    }

    private int busy() {
        int n = 0;
        for (Active a : slots) {
            if (a != null) {
                n++;
            }
        }
        return n;
    }
}
