package dev.gpt1spark.tokenizer;

/**
 * A tokenizer file is missing, unreadable or malformed; the message always names the file.
 *
 * <p>It is an {@link IllegalArgumentException} because the cause is a bad path or bad file given by
 * the caller, not a bug in this package.
 */
public final class TokenizerLoadException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    TokenizerLoadException(String message) {
        super(message);
    }

    TokenizerLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
