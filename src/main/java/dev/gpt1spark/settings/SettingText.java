package dev.gpt1spark.settings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A message that names settings, to be written the way the layer that shows it spells them: {@code
 * new SettingText("run it again with ", MODE, " resume")} reads "--mode resume" on the command line
 * and "mode resume" elsewhere.
 */
public final class SettingText implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Literal text, or a setting's key when {@code name} is true. */
    private record Part(String text, boolean name) implements Serializable {}

    private final List<Part> parts;

    /**
     * A message from pieces: each {@link Setting} is written as its name, anything else as text.
     */
    public SettingText(Object... pieces) {
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
    public String in(Spelling spelling) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(p.name() ? spelling.of(p.text()) : p.text());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return in(Spelling.KEY);
    }

    /** An exception whose message is a {@link SettingText}. */
    public interface Carrier {
        SettingText text();

        /** The message with setting names written in {@code spelling}. */
        default String message(Spelling spelling) {
            return text().in(spelling);
        }
    }
}
