package io.dgating.api.gating;

/**
 * How a layer's weights are split into groups. Planned next: conv filters and attention
 * heads.
 */
public enum GroupKind {
    /**
     * One group per input of a dense layer: a column of {@code W} (all weights leaving that
     * input), or several columns when inputs are grouped (e.g. a one-hot encoded category).
     */
    INPUT_FEATURES,
    /** One group per output unit of a dense layer: a row of {@code W} (all weights entering it). */
    NEURONS
}
