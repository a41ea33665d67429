package io.dgating.compress;

/** ONNX Runtime's outputs of an exported model differ from the engine's: the export is not trusted. */
public final class VerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what differed, by how much
     */
    public VerificationException(String message) {
        super(message);
    }
}
