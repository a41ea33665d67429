package io.dgating.api.model;

/**
 * What a parameter does in its layer. Readers decide by role, never by parsing a name: the
 * initialiser (gates start at 1), the gate collapse (which weight a layer's gates multiply) and
 * the penalty (which tensors are D-Gating factors). Conv filters, attention projections and
 * embedding tables are weights; batch and layer norms have a scale and a shift.
 */
public enum ParamRole {
    /** The layer's weight; {@code omega} when the layer is gated. */
    WEIGHT,
    /** The layer's bias. */
    BIAS,
    /** The {@code [groups, D - 1]} gate matrix of a gated layer. */
    GATES,
    /** A batch or layer norm's scale (gamma); starts at 1. */
    SCALE,
    /** A batch or layer norm's shift (beta); starts at 0. */
    SHIFT,
    /** A batch norm's running mean: updated by training-mode forward passes, not by the optimizer. */
    RUNNING_MEAN,
    /** A batch norm's running (unbiased) variance: updated like {@link #RUNNING_MEAN}. */
    RUNNING_VAR;

    /** {@return whether the optimizer updates parameters of this role (running statistics are not)} */
    public boolean trainable() {
        return this != RUNNING_MEAN && this != RUNNING_VAR;
    }

    /**
     * {@return the value every element starts at, or NaN for roles drawn at random from
     * {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))} (weights and biases)}
     */
    public double initialValue() {
        return switch (this) {
            case WEIGHT, BIAS -> Double.NaN;
            case GATES, SCALE, RUNNING_VAR -> 1.0;
            case SHIFT, RUNNING_MEAN -> 0.0;
        };
    }
}
