package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingException;
import java.nio.charset.StandardCharsets;
import org.apache.spark.Partitioner;

/**
 * Splits the rows of a job into a fixed number of chunks by a hash of their id. A chunk is one
 * Spark partition and one output file, written and committed as a unit; a resumed run recomputes
 * exactly the chunks that have no committed file.
 */
final class Chunks extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int count;

    Chunks(int count) {
        if (count < 1) {
            throw new SettingException(
                    "Cannot set ",
                    JobSettings.PARTITIONS,
                    " to " + count + ", expected at least 1");
        }
        this.count = count;
    }

    /**
     * The chunk of a row id: FNV-1a over the UTF-8 bytes of its text form, stable across JVMs and
     * Spark versions (the reader keeps only ids whose text form is).
     */
    static int of(Object id, int count) {
        if (id == null) {
            return 0;
        }
        long h = 0xcbf29ce484222325L;
        for (byte b : id.toString().getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return (int) Math.floorMod(h, (long) count);
    }

    @Override
    public int numPartitions() {
        return count;
    }

    /** Keys are chunk numbers already, so chunk k is partition k and output file part-k. */
    @Override
    public int getPartition(Object key) {
        return (Integer) key;
    }
}
