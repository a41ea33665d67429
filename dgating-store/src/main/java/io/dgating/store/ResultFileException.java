package io.dgating.store;

/** A training-result file that cannot be read: missing, truncated, corrupt, or of an unknown version. */
public final class ResultFileException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the file and what is wrong
     * @param cause the underlying failure, or null
     */
    public ResultFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
