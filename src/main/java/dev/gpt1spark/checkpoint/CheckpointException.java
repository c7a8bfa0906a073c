package dev.gpt1spark.checkpoint;

import dev.gpt1spark.settings.SettingText;

/**
 * A checkpoint could not be read or written; the message names the file and, where there is one,
 * the tensor, and any setting by key ({@link #naming}), which the command line writes as a flag.
 *
 * <p>Unchecked because a broken checkpoint is a user error that no caller can repair: the job stops
 * with this message.
 */
public class CheckpointException extends RuntimeException implements SettingText.Carrier {

    private static final long serialVersionUID = 1L;

    private final SettingText text;

    public CheckpointException(String message) {
        this(new SettingText(message), null);
    }

    public CheckpointException(String message, Throwable cause) {
        this(new SettingText(message), cause);
    }

    private CheckpointException(SettingText text, Throwable cause) {
        super(text.toString(), cause);
        this.text = text;
    }

    /**
     * A message from pieces: each {@link dev.gpt1spark.settings.Setting} is written as its name,
     * anything else as text.
     */
    public static CheckpointException naming(Object... pieces) {
        return new CheckpointException(new SettingText(pieces), null);
    }

    @Override
    public SettingText text() {
        return text;
    }
}
