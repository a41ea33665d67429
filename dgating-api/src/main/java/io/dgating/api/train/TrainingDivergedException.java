package io.dgating.api.train;

/**
 * Training produced a non-finite loss or parameter; no result is returned, so no NaN model
 * can reach an export. Usual causes: learning rate too high for the model, or lambda so
 * large that the penalty dominates.
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what diverged, when
     */
    public TrainingDivergedException(String message) {
        super(message);
    }
}
