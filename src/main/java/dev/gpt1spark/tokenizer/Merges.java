package dev.gpt1spark.tokenizer;

import java.util.ArrayList;
import java.util.List;

/** Reads a ranked BPE merges file into {@code "a b"} strings, checked against the vocabulary. */
final class Merges {

    private Merges() {}

    /**
     * Returns the merges in rank order (rank = position in the list).
     *
     * <p>A first line starting with {@code #version} is a header, and empty lines (the one after
     * the final newline) carry no merge; both are skipped. {@code name} is used in error messages.
     */
    static List<String> parse(String text, String name, Vocabulary vocab) {
        String[] lines = text.split("\n", -1);
        List<String> merges = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = stripCarriageReturn(lines[i]);
            if (line.isEmpty() || (i == 0 && line.startsWith("#version"))) {
                continue;
            }
            checkMerge(line, i + 1, name, vocab);
            merges.add(line);
        }
        if (merges.isEmpty()) {
            throw new TokenizerLoadException("merges file " + name + " has no merges");
        }
        return merges;
    }

    // The native library would reject a bad merge with a message that names no file or line,
    // so each line is checked here: two symbols, both in the vocabulary, and so is their join.
    private static void checkMerge(String line, int lineNumber, String name, Vocabulary vocab) {
        int space = line.indexOf(' ');
        if (space <= 0 || space == line.length() - 1 || line.indexOf(' ', space + 1) >= 0) {
            throw new TokenizerLoadException(
                    "merges file "
                            + name
                            + " line "
                            + lineNumber
                            + ": expected two symbols separated by one space, got "
                            + Vocabulary.quote(line));
        }
        String left = line.substring(0, space);
        String right = line.substring(space + 1);
        for (String symbol : new String[] {left, right, left + right}) {
            if (!vocab.contains(symbol)) {
                throw new TokenizerLoadException(
                        "merges file "
                                + name
                                + " line "
                                + lineNumber
                                + ": "
                                + Vocabulary.quote(symbol)
                                + " is not in the vocabulary");
            }
        }
    }

    // A merges file saved with Windows line endings is still the same merges.
    private static String stripCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
