package dev.gpt1spark.spark;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Second pass of id generation: replaces each row's file path and split start with the id {@code
 * <file name>:<row number in the file>}, checking that every split yields exactly the rows the
 * first pass counted, in the same order.
 */
final class RowNumberer implements Function2<Integer, Iterator<Row>, Iterator<Row>> {
    private final Map<Integer, List<SplitPlan>> plans;

    /** {@code plans}: per partition, the splits the first pass saw there, in reading order. */
    RowNumberer(Map<Integer, List<SplitPlan>> plans) {
        this.plans = plans;
    }

    @Override
    public Iterator<Row> call(Integer partition, Iterator<Row> rows) {
        return new Numbering(partition, plans.getOrDefault(partition, List.of()), rows);
    }

    /** Numbers rows lazily, so a partition is never held in memory. */
    private static final class Numbering implements Iterator<Row> {
        private final int partition;
        private final List<SplitPlan> plan;
        private final Iterator<Row> rows;
        private int nextSplit;
        private SplitPlan current;
        private long seen;
        private boolean checkedEnd;

        Numbering(int partition, List<SplitPlan> plan, Iterator<Row> rows) {
            this.partition = partition;
            this.plan = plan;
            this.rows = rows;
        }

        @Override
        public boolean hasNext() {
            if (rows.hasNext()) {
                return true;
            }
            if (!checkedEnd) {
                checkedEnd = true;
                finishCurrent();
                if (nextSplit < plan.size()) {
                    throw changed(plan.get(nextSplit).split(), 0);
                }
            }
            return false;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = rows.next();
            String file = row.getString(0);
            long blockStart = row.getLong(1);
            if (current == null || !current.split().sameSplit(file, blockStart)) {
                finishCurrent();
                if (nextSplit >= plan.size()
                        || !plan.get(nextSplit).split().sameSplit(file, blockStart)) {
                    throw new IllegalStateException(
                            "input changed while it was read: partition "
                                    + partition
                                    + " read file \""
                                    + file
                                    + "\" from byte "
                                    + blockStart
                                    + ", which the first pass did not see there");
                }
                current = plan.get(nextSplit++);
                seen = 0;
            }
            seen++;
            if (seen > current.split().rows()) {
                throw changed(current.split(), seen);
            }
            Object[] values = new Object[row.length() - 1];
            values[0] = current.fileName() + ":" + (current.rowsBefore() + seen);
            for (int i = 2; i < row.length(); i++) {
                values[i - 1] = row.get(i);
            }
            return RowFactory.create(values);
        }

        private void finishCurrent() {
            if (current != null && seen != current.split().rows()) {
                throw changed(current.split(), seen);
            }
        }

        private static IllegalStateException changed(SplitRows split, long rowsNow) {
            return new IllegalStateException(
                    "input file \""
                            + split.file()
                            + "\" changed while it was read: the split from byte "
                            + split.blockStart()
                            + " had "
                            + split.rows()
                            + " rows in the first pass and "
                            + (rowsNow > split.rows() ? "more" : rowsNow)
                            + " in the second");
        }
    }
}
