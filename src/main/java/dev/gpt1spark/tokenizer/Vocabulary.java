package dev.gpt1spark.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The token-to-id map of a vocabulary JSON file, checked to be dense and to contain {@code <unk>}.
 */
final class Vocabulary {

    static final String UNK = "<unk>";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Integer> idsByToken;
    private final String[] tokensById;

    private Vocabulary(Map<String, Integer> idsByToken, String[] tokensById) {
        this.idsByToken = idsByToken;
        this.tokensById = tokensById;
    }

    /** Parses and checks a vocabulary JSON object; {@code name} is used in error messages. */
    static Vocabulary parse(String json, String name) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new TokenizerLoadException(
                    "vocabulary file " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new TokenizerLoadException(
                    "vocabulary file " + name + " must be a non-empty JSON object of token -> id");
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        String[] tokens = new String[root.size()];
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode value = e.getValue();
            // Ids index the embedding matrix, so they must be exactly 0..n-1, each used once.
            if (!value.canConvertToInt()
                    || !value.isIntegralNumber()
                    || value.intValue() < 0
                    || value.intValue() >= tokens.length
                    || tokens[value.intValue()] != null) {
                throw new TokenizerLoadException(
                        "vocabulary file "
                                + name
                                + ": token "
                                + quote(e.getKey())
                                + " has id "
                                + value
                                + "; ids must be the integers 0.."
                                + (tokens.length - 1)
                                + ", each used once");
            }
            tokens[value.intValue()] = e.getKey();
            ids.put(e.getKey(), value.intValue());
        }
        if (!ids.containsKey(UNK)) {
            throw new TokenizerLoadException(
                    "vocabulary file " + name + " has no " + UNK + " token");
        }
        return new Vocabulary(Collections.unmodifiableMap(ids), tokens);
    }

    /** Number of ids, which is also the number of rows of the token embedding. */
    int size() {
        return tokensById.length;
    }

    boolean contains(String token) {
        return idsByToken.containsKey(token);
    }

    int idOf(String token) {
        Integer id = idsByToken.get(token);
        if (id == null) {
            throw new IllegalArgumentException(
                    "token " + quote(token) + " is not in the vocabulary");
        }
        return id;
    }

    /** Whether {@code id} names a vocabulary entry. */
    boolean hasId(long id) {
        return id >= 0 && id < tokensById.length;
    }

    String tokenOf(long id) {
        if (!hasId(id)) {
            throw new IllegalArgumentException(
                    "id " + id + " is outside the vocabulary (0.." + (tokensById.length - 1) + ")");
        }
        return tokensById[(int) id];
    }

    /** Entries in the file's order, for writing the tokenizer JSON. */
    Map<String, Integer> entries() {
        return idsByToken;
    }

    // Tokens may hold a newline (GPT-1 has "\n</w>"), so messages show them JSON-quoted.
    static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            return s;
        }
    }
}
