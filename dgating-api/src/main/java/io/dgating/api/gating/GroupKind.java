package io.dgating.api.gating;

/**
 * How a layer's weights are split into groups ({@link GroupRules} turns each kind into slices of
 * parameters).
 */
public enum GroupKind {
    /**
     * One group per input of a dense layer: a column of {@code W} (all weights leaving that
     * input), or several columns when inputs are grouped (e.g. a one-hot encoded category).
     */
    INPUT_FEATURES,
    /** One group per output unit of a dense layer: a row of {@code W} (all weights entering it). */
    NEURONS,
    /**
     * One group per output channel of a convolution, zero-invariant: the filter, its bias and the
     * scale and shift of every batch norm on the channel, across every convolution whose output
     * joins the same channels through residual adds ({@link ChannelCoupling}). A removed group
     * leaves the channel exactly zero, so removing it changes nothing.
     */
    FILTERS,
    /**
     * The paper's narrower filter group: the filter weights only (of every coupled convolution).
     * A removed group leaves the channel at a constant (bias and batch-norm shift stay), which the
     * export keeps or folds where that is exact.
     */
    FILTER_WEIGHTS,
    /**
     * The paper's attention-head group: head {@code h}'s rows of the value projection's weight. A
     * removed head's values are its value bias at every position, so its output is the constant
     * {@code Wo_h bv_h}, which the export folds into the output projection's bias.
     */
    HEADS,
    /**
     * The wide attention-head group: head {@code h}'s rows of the query, key and value weights and
     * biases and its columns of the output projection. A removed head contributes exactly zero.
     */
    HEADS_WIDE;

    /** {@return whether this kind groups conv filters} */
    public boolean isFilters() {
        return this == FILTERS || this == FILTER_WEIGHTS;
    }

    /** {@return whether this kind groups attention heads} */
    public boolean isHeads() {
        return this == HEADS || this == HEADS_WIDE;
    }
}
