package dev.gpt1spark.spark;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Short, readable names for input files: their path below the folder they all share. */
final class FileNames {
    private FileNames() {}

    /**
     * Maps each file URI (as Spark's {@code _metadata.file_path} gives it, percent-encoded) to its
     * decoded path relative to the deepest folder containing all of them: {@code corpus.txt} for a
     * single file, {@code 2024/part-3.jsonl} for files in several sub-folders. Files on different
     * file systems share no folder and keep their full URI.
     */
    static Map<String, String> relativeToCommonParent(Collection<String> fileUris) {
        Map<String, Parsed> parsed = new HashMap<>();
        for (String uri : fileUris) {
            parsed.put(uri, Parsed.of(uri));
        }
        String root = null;
        boolean sameRoot = true;
        List<String> common = null;
        for (Parsed p : parsed.values()) {
            List<String> folder = p.segments().subList(0, p.segments().size() - 1);
            if (root == null) {
                root = p.root();
                common = folder;
            } else {
                sameRoot &= root.equals(p.root());
                common = common.subList(0, sharedPrefix(common, folder));
            }
        }
        Map<String, String> names = new HashMap<>();
        for (Map.Entry<String, Parsed> e : parsed.entrySet()) {
            List<String> segments = e.getValue().segments();
            names.put(
                    e.getKey(),
                    sameRoot
                            ? String.join("/", segments.subList(common.size(), segments.size()))
                            : e.getValue().root() + "/" + String.join("/", segments));
        }
        return names;
    }

    private static int sharedPrefix(List<String> a, List<String> b) {
        int n = 0;
        while (n < a.size() && n < b.size() && a.get(n).equals(b.get(n))) {
            n++;
        }
        return n;
    }

    /** A file URI as its file system ({@code scheme://authority}) and decoded path segments. */
    private record Parsed(String root, List<String> segments) {
        static Parsed of(String uri) {
            try {
                URI u = new URI(uri);
                String scheme = u.getScheme() == null ? "" : u.getScheme() + ":";
                String authority = u.getAuthority() == null ? "" : "//" + u.getAuthority();
                return new Parsed(scheme + authority, segments(u.getPath()));
            } catch (URISyntaxException e) {
                // Not expected from Spark; the raw string still gives usable names.
                return new Parsed("", segments(uri));
            }
        }

        private static List<String> segments(String path) {
            List<String> out = new ArrayList<>(Arrays.asList(path.split("/")));
            out.removeIf(String::isEmpty);
            return out;
        }
    }
}
