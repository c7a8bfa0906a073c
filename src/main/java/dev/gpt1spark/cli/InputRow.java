package dev.gpt1spark.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;

/**
 * One line of standard input: a JSON object with {@code text} and optional {@code id} and {@code
 * text2} (the second text of a pair), or plain text.
 *
 * @param id the given id, or null
 * @param text the text, or null
 * @param text2 the second text, or null
 * @param error why the line has no usable text, or null
 * @param json the line's object, or null for plain text (other keys are per-row settings)
 */
record InputRow(String id, String text, String text2, String error, JsonNode json) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static InputRow plain(String text) {
        return new InputRow(null, text, null, null, null);
    }

    /** A line that is a JSON object is read as one; anything else is plain text. */
    static InputRow parse(String line) {
        if (!line.stripLeading().startsWith("{")) {
            return plain(line);
        }
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return plain(line);
        }
        if (node == null || !node.isObject()) {
            return plain(line);
        }
        JsonNode idNode = node.get("id");
        String id =
                idNode == null || idNode.isNull()
                        ? null
                        : idNode.isValueNode() ? idNode.asText() : idNode.toString();
        JsonNode text = node.get("text");
        if (text == null || text.isNull()) {
            return new InputRow(id, null, null, "text is null", node);
        }
        return new InputRow(id, asText(text), asText(node.get("text2")), null, node);
    }

    /**
     * The line's cells for per-row settings: setting key → a number, or text (anything else as its
     * JSON text); a missing or null cell is left out.
     */
    Map<String, Object> cells(Map<String, String> columns) {
        Map<String, Object> out = new HashMap<>();
        if (json == null) {
            return out;
        }
        columns.forEach(
                (key, column) -> {
                    JsonNode cell = json.get(column);
                    if (cell != null && !cell.isNull()) {
                        out.put(key, cell.isNumber() ? cell.numberValue() : asText(cell));
                    }
                });
        return out;
    }

    /** A number or object is read as its JSON text, as Spark's JSON reader does. */
    private static String asText(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
