package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * Refuses an output that is, contains or lies inside an input, before anything is written or
 * deleted: {@code --mode overwrite} deletes the output folder first, which would delete the input.
 *
 * <p>Paths are compared after qualifying them (scheme, authority, working folder), expanding globs
 * and, on local files, following symbolic links (the output's deepest existing folder when it does
 * not exist yet).
 */
final class OutputOverlap {
    private OutputOverlap() {}

    /**
     * @param output the output folder as the user gave it
     * @param inputs the input path list as the user gave it (comma-separated, globs allowed)
     * @throws IllegalArgumentException naming both paths when they overlap
     */
    static void check(String output, String inputs, Configuration conf) {
        Path out = resolve(new Path(output), conf);
        for (String input : InputPaths.split(inputs)) {
            for (Path in : matches(input, conf)) {
                String relation = relation(out, in);
                if (relation != null) {
                    throw new SettingException(
                            "Cannot write to output \""
                                    + output
                                    + "\": it "
                                    + relation
                                    + " the input \""
                                    + input
                                    + "\" ("
                                    + out
                                    + " and "
                                    + in
                                    + "); choose another ",
                            JobSettings.OUTPUT,
                            " (nothing was deleted)");
                }
            }
        }
    }

    /** "is", "contains", "lies inside", or null when the two paths are apart. */
    static String relation(Path out, Path in) {
        String o = withSlash(out);
        String i = withSlash(in);
        if (o.equals(i)) {
            return "is";
        }
        if (i.startsWith(o)) {
            return "contains";
        }
        return o.startsWith(i) ? "lies inside" : null;
    }

    private static String withSlash(Path p) {
        String s = p.toUri().normalize().toString();
        return s.endsWith("/") ? s : s + "/";
    }

    /**
     * What an input path names: each glob match, resolved; the path itself when nothing matches.
     */
    private static List<Path> matches(String input, Configuration conf) {
        Path p = new Path(input);
        FileStatus[] found = io(input, () -> p.getFileSystem(conf).globStatus(p));
        if (found == null || found.length == 0) {
            return List.of(resolve(p, conf));
        }
        return Arrays.stream(found).map(s -> resolve(s.getPath(), conf)).toList();
    }

    /** Qualified, and on local files with symbolic links followed. */
    static Path resolve(Path path, Configuration conf) {
        Path qualified = io(path.toString(), () -> path.getFileSystem(conf).makeQualified(path));
        if (!"file".equals(qualified.toUri().getScheme())) {
            return qualified;
        }
        java.nio.file.Path local = Paths.get(qualified.toUri()).normalize();
        Deque<java.nio.file.Path> missing = new ArrayDeque<>();
        while (local.getParent() != null && !Files.exists(local)) {
            missing.push(local.getFileName());
            local = local.getParent();
        }
        java.nio.file.Path real = io(path.toString(), local::toRealPath);
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return new Path("file", null, real.toString());
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(String path, IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot resolve \"" + path + "\": " + e, e);
        }
    }
}
