package dev.gpt1spark.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gpt1spark.testing.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * One line of a golden {@code cases*.jsonl} file: text, expected ids, tokens and decoded text.
 *
 * @param line 1-based line number in the file
 * @param category category from {@code cases_index.tsv}, or the file name when it has none
 */
record GoldenCase(
        int line, String category, String text, long[] ids, String[] tokens, String decoded) {

    static final Path DIR = SharedFixtures.reference().resolve("tokenizer");

    /** The 301 main cases, each with its category from {@code cases_index.tsv}. */
    static List<GoldenCase> main() {
        return read(DIR.resolve("cases.jsonl"), categories(DIR.resolve("cases_index.tsv")));
    }

    /** The optional cases whose result depends on the Unicode tables of the library. */
    static List<GoldenCase> unicodeEdge() {
        return read(DIR.resolve("cases_unicode_edge.jsonl"), Map.of());
    }

    /** Display name for a test report, e.g. {@code "line 17 [emoji]"}. */
    String label() {
        return "line " + line + " [" + category + "]";
    }

    private static List<GoldenCase> read(Path jsonl, Map<Integer, String> categories) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            List<String> lines = Files.readAllLines(jsonl);
            List<GoldenCase> cases = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).isBlank()) {
                    continue;
                }
                JsonNode node = mapper.readTree(lines.get(i));
                cases.add(
                        new GoldenCase(
                                i + 1,
                                categories.getOrDefault(i + 1, jsonl.getFileName().toString()),
                                node.get("text").asText(),
                                stream(node.get("ids")).mapToLong(JsonNode::asLong).toArray(),
                                stream(node.get("tokens"))
                                        .map(JsonNode::asText)
                                        .toArray(String[]::new),
                                node.get("decoded").asText()));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<Integer, String> categories(Path tsv) {
        try {
            Map<Integer, String> categories = new HashMap<>();
            for (String row : Files.readAllLines(tsv)) {
                String[] cols = row.split("\t");
                if (cols.length >= 2 && cols[0].matches("\\d+")) {
                    categories.put(Integer.parseInt(cols[0]), cols[1]);
                }
            }
            return categories;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }
}
