package dev.gpt1spark.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Splits an input path list and finds the files it names, through Hadoop's file systems. */
final class InputPaths {
    private InputPaths() {}

    /**
     * Splits at commas outside braces: {@code a.txt,b/*.txt} is two paths, {@code {2023,2024}/*} is
     * one glob.
     */
    static List<String> split(String paths) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= paths.length(); i++) {
            char c = i < paths.length() ? paths.charAt(i) : ',';
            if (c == '{') {
                depth++;
            } else if (c == '}' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                String part = paths.substring(start, i).trim();
                if (!part.isEmpty()) {
                    out.add(part);
                }
                start = i + 1;
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("Cannot read input: no path given");
        }
        return out;
    }

    /**
     * The first data file {@code path} names, in name order: the file itself, or the first one
     * found under a folder or glob match. Names starting with {@code _} or {@code .} (such as
     * {@code _SUCCESS}) are skipped, as Spark skips them.
     *
     * @throws IllegalArgumentException when it names no data file
     */
    static Path firstDataFile(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            FileStatus[] matches = fs.globStatus(p);
            if (matches != null) {
                for (FileStatus match : sorted(matches)) {
                    // A name given as such is read even when it looks hidden; a glob skips those.
                    boolean named = match.getPath().getName().equals(p.getName());
                    Optional<Path> found = firstUnder(fs, match, named);
                    if (found.isPresent()) {
                        return found.get();
                    }
                }
            }
            throw new IllegalArgumentException("input \"" + path + "\" matches no files");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list input \"" + path + "\": " + e, e);
        }
    }

    private static Optional<Path> firstUnder(FileSystem fs, FileStatus status, boolean named)
            throws IOException {
        if (!named && hidden(status.getPath())) {
            return Optional.empty();
        }
        if (status.isFile()) {
            return Optional.of(status.getPath());
        }
        for (FileStatus child : sorted(fs.listStatus(status.getPath()))) {
            Optional<Path> found = firstUnder(fs, child, false);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean hidden(Path path) {
        String name = path.getName();
        return name.startsWith("_") || name.startsWith(".");
    }

    private static List<FileStatus> sorted(FileStatus[] statuses) {
        List<FileStatus> list = new ArrayList<>(Arrays.asList(statuses));
        list.sort(Comparator.comparing(s -> s.getPath().toString()));
        return list;
    }
}
