package dev.gpt1spark.cli;

import java.util.Arrays;

/** Command lines of tests: a job's arguments plus a run's own. */
final class Args {
    private Args() {}

    static String[] concat(String[] a, String... b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
