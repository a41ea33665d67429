package io.dgating.api.model;

/**
 * What a parameter does in its layer. Readers decide by role, never by parsing a name: the
 * initialiser (gates start at 1), the gate collapse (which weight a layer's gates multiply) and
 * the penalty (which tensors are D-Gating factors). Conv filters, batch-norm scale and shift and
 * attention projections add roles here as their layer kinds arrive.
 */
public enum ParamRole {
    /** The layer's weight; {@code omega} when the layer is gated. */
    WEIGHT,
    /** The layer's bias. */
    BIAS,
    /** The {@code [groups, D - 1]} gate matrix of a gated layer. */
    GATES
}
