package io.dgating.api.engine;

/** An engine could not be found, started or used; the message names the engine and what to try. */
public final class EngineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and how to choose another engine
     * @param cause the underlying failure, or null
     */
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
