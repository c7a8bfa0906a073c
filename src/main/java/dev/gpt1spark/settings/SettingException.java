package dev.gpt1spark.settings;

/**
 * A setting's value is wrong. The message names settings by key ({@code max-new-tokens}); a layer
 * that shows them another way renders it with {@link #message(Spelling)}: the command line as
 * {@code --max-new-tokens}, a Spark ML stage as {@code maxNewTokens}.
 */
public final class SettingException extends IllegalArgumentException
        implements SettingText.Carrier {
    private static final long serialVersionUID = 1L;

    private final SettingText text;

    /**
     * A message from pieces: each {@link Setting} is written as its name, anything else as text.
     *
     * <p>Example: {@code new SettingException(MAX_NEW_TOKENS, " 600 must be below 512")}.
     */
    public SettingException(Object... pieces) {
        this(new SettingText(pieces));
    }

    private SettingException(SettingText text) {
        super(text.toString());
        this.text = text;
    }

    @Override
    public SettingText text() {
        return text;
    }
}
