package dev.gpt1spark.settings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A setting's value is wrong. The message names settings by key ({@code max-new-tokens}); a layer
 * that shows them another way renders it with {@link #message(Spelling)}: the command line as
 * {@code --max-new-tokens}, a Spark ML stage as {@code maxNewTokens}.
 */
public final class SettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Literal text, or a setting's key when {@code name} is true. */
    private record Part(String text, boolean name) implements Serializable {}

    private final List<Part> parts;

    /**
     * A message from pieces: each {@link Setting} is written as its name, anything else as text.
     *
     * <p>Example: {@code new SettingException(MAX_NEW_TOKENS, " 600 must be below 512")}.
     */
    public SettingException(Object... pieces) {
        super((String) null);
        List<Part> out = new ArrayList<>();
        for (Object p : pieces) {
            out.add(
                    p instanceof Setting<?> s
                            ? new Part(s.key(), true)
                            : new Part(String.valueOf(p), false));
        }
        this.parts = List.copyOf(out);
    }

    /** The message with setting names written in {@code spelling}. */
    public String message(Spelling spelling) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(p.name() ? spelling.of(p.text()) : p.text());
        }
        return out.toString();
    }

    @Override
    public String getMessage() {
        return message(Spelling.KEY);
    }
}
