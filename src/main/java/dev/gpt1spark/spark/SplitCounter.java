package dev.gpt1spark.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * First pass of id generation: counts the rows of each file split in a partition, in the order the
 * partition reads them. Rows start with the file path and the split's start.
 */
final class SplitCounter implements Function2<Integer, Iterator<Row>, Iterator<SplitRows>> {
    @Override
    public Iterator<SplitRows> call(Integer partition, Iterator<Row> rows) {
        List<SplitRows> splits = new ArrayList<>();
        String file = null;
        long blockStart = -1;
        long count = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            String rowFile = row.getString(0);
            long rowStart = row.getLong(1);
            if (file == null || blockStart != rowStart || !file.equals(rowFile)) {
                if (file != null) {
                    splits.add(new SplitRows(partition, file, blockStart, count));
                }
                file = rowFile;
                blockStart = rowStart;
                count = 0;
            }
            count++;
        }
        if (file != null) {
            splits.add(new SplitRows(partition, file, blockStart, count));
        }
        return splits.iterator();
    }
}
