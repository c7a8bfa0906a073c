package dev.gpt1spark.checkpoint;

/**
 * A checkpoint could not be read or written; the message names the file and, where there is one,
 * the tensor.
 *
 * <p>Unchecked because a broken checkpoint is a user error that no caller can repair: the job stops
 * with this message.
 */
public class CheckpointException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
