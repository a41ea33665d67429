package io.dgating.api.model;

/** The loss attached to a model's last layer. */
public enum Head {
    /**
     * Softmax over the outputs and cross-entropy against a class index, averaged over the
     * batch. The last layer emits logits (its activation should be identity).
     */
    SOFTMAX_CROSS_ENTROPY,
    /**
     * Mean squared error {@code mean((y - t)^2)} over batch and outputs (no factor 1/2),
     * for regression.
     */
    SQUARED_ERROR
}
