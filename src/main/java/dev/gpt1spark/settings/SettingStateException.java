package dev.gpt1spark.settings;

/**
 * A job cannot go on as things stand (an output in use, a disk full), and the message says which
 * setting changes that; like {@link SettingException}, each layer spells the setting's name.
 */
public final class SettingStateException extends IllegalStateException
        implements SettingText.Carrier {
    private static final long serialVersionUID = 1L;

    private final SettingText text;

    /**
     * A message from pieces: each {@link Setting} is written as its name, anything else as text.
     */
    public SettingStateException(Throwable cause, Object... pieces) {
        this(new SettingText(pieces), cause);
    }

    private SettingStateException(SettingText text, Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
    }

    @Override
    public SettingText text() {
        return text;
    }
}
