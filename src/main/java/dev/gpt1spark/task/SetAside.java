package dev.gpt1spark.task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The loop every runner needs, written once: set the items that cannot be processed aside with
 * their reason, hand the rest to the work in one call, and put every result back at its item's
 * position. So each input gives exactly one result, in input order, and a bad item never stops the
 * others.
 *
 * <pre>{@code
 * List<TaskResult> results =
 *         SetAside.process(documents, d -> d.text() == null ? "text is null" : null, 3, this::run);
 * }</pre>
 */
public final class SetAside {
    private SetAside() {}

    /**
     * @param items the inputs, in order
     * @param reason why an item cannot be processed, or null when it can
     * @param fieldCount the output fields, all null in a set-aside item's result
     * @param work one result per item it is given, in the order given
     * @return one result per item, in input order
     */
    public static <T> List<TaskResult> process(
            List<T> items,
            Function<? super T, String> reason,
            int fieldCount,
            Function<List<T>, List<TaskResult>> work) {
        TaskResult[] results = new TaskResult[items.size()];
        List<T> kept = new ArrayList<>(items.size());
        List<Integer> positions = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String why = reason.apply(items.get(i));
            if (why == null) {
                kept.add(items.get(i));
                positions.add(i);
            } else {
                results[i] = TaskResult.failed(fieldCount, why);
            }
        }
        if (!kept.isEmpty()) {
            List<TaskResult> computed = work.apply(kept);
            if (computed.size() != kept.size()) {
                throw new IllegalStateException(
                        computed.size() + " results for " + kept.size() + " items");
            }
            for (int k = 0; k < kept.size(); k++) {
                results[positions.get(k)] = computed.get(k);
            }
        }
        return List.of(results);
    }
}
