package dev.gpt1spark.spark;

import dev.gpt1spark.settings.SettingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What the input files were when a job started, recorded in its job file so that {@code --mode
 * resume} can refuse an input that changed in place: per file its size, modification time and a
 * SHA-256 of its content (whole up to {@link #WHOLE_UP_TO} bytes, else its first and last {@link
 * #EDGE} bytes).
 */
final class InputFingerprint {
    static final int WHOLE_UP_TO = 1 << 20;
    static final int EDGE = 64 << 10;

    private InputFingerprint() {}

    /** File URI → {@code {size, modified, sha256}}, for every data file the input names. */
    static Map<String, Map<String, Object>> of(String inputs, Configuration conf) {
        Map<String, Map<String, Object>> files = new TreeMap<>();
        for (String input : InputPaths.split(inputs)) {
            Path p = new Path(input);
            try {
                FileSystem fs = p.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(p);
                for (FileStatus match : matches == null ? new FileStatus[0] : matches) {
                    for (FileStatus file : dataFiles(fs, match)) {
                        files.put(file.getPath().toString(), describe(fs, file));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot fingerprint input \"" + input + "\": " + e.getMessage(), e);
            }
        }
        return files;
    }

    /** The same for the files {@code uris} (a table's data files). */
    static Map<String, Map<String, Object>> ofFiles(List<String> uris, Configuration conf) {
        Map<String, Map<String, Object>> files = new TreeMap<>();
        for (String uri : uris) {
            Path p = new Path(uri);
            try {
                FileSystem fs = p.getFileSystem(conf);
                FileStatus file = fs.getFileStatus(p);
                files.put(file.getPath().toString(), describe(fs, file));
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "Cannot fingerprint input file \"" + uri + "\": " + e.getMessage(), e);
            }
        }
        return files;
    }

    /**
     * Refuses a resume whose input differs from the recorded one, naming the first file that does.
     */
    static void checkUnchanged(
            Map<String, Map<String, Object>> before,
            Map<String, Map<String, Object>> now,
            String output) {
        for (String file : before.keySet()) {
            if (!now.containsKey(file)) {
                throw changed(output, file, "is gone");
            }
            Map<String, Object> was = before.get(file);
            Map<String, Object> is = now.get(file);
            for (String key : List.of("size", "modified", "sha256")) {
                if (!String.valueOf(was.get(key)).equals(String.valueOf(is.get(key)))) {
                    throw changed(
                            output,
                            file,
                            "changed since the run started ("
                                    + key
                                    + " was "
                                    + was.get(key)
                                    + ", now "
                                    + is.get(key)
                                    + ")");
                }
            }
        }
        for (String file : now.keySet()) {
            if (!before.containsKey(file)) {
                throw changed(output, file, "is new since the run started");
            }
        }
    }

    private static SettingException changed(String output, String file, String what) {
        return new SettingException(
                "Cannot resume " + output + ": input file " + file + " " + what + "; use ",
                JobSettings.MODE,
                " overwrite to start again");
    }

    /** The file itself, or the files below a folder; hidden names skipped below, as Spark does. */
    private static List<FileStatus> dataFiles(FileSystem fs, FileStatus status) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        if (status.isFile()) {
            out.add(status);
            return out;
        }
        for (FileStatus child : fs.listStatus(status.getPath())) {
            String name = child.getPath().getName();
            if (!name.startsWith("_") && !name.startsWith(".")) {
                out.addAll(dataFiles(fs, child));
            }
        }
        return out;
    }

    private static Map<String, Object> describe(FileSystem fs, FileStatus file) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size = file.getLen();
        try (FSDataInputStream in = fs.open(file.getPath())) {
            if (size <= WHOLE_UP_TO) {
                sha.update(in.readAllBytes());
            } else {
                byte[] edge = new byte[EDGE];
                in.readFully(0, edge);
                sha.update(edge);
                in.readFully(size - EDGE, edge);
                sha.update(edge);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("size", size);
        d.put("modified", file.getModificationTime());
        d.put("sha256", HexFormat.of().formatHex(sha.digest()));
        return d;
    }
}
