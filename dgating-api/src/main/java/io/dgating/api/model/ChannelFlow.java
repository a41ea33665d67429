package io.dgating.api.model;

/**
 * How a layer kind maps the channels of its inputs to those of its output. A channel is index 0
 * of an example's shape: a feature map of {@code [C, H, W]}, a value of a flat {@code [F]}, a
 * position of a sequence {@code [T, D]}. Filter groups are coupled across layers by it
 * ({@link io.dgating.api.gating.ChannelCoupling}) and the exporter reads it to know which input
 * channels a kept output channel needs; every kind declares one, so no reader guesses.
 */
public enum ChannelFlow {
    /**
     * Output channel {@code c} is computed from input channel {@code c} alone (batch norm,
     * activations, pooling, dropout, a position's embedding): the two are one channel, kept or
     * removed together.
     */
    PER_CHANNEL,
    /**
     * Output channel {@code c} is computed from channel {@code c} of every input (a residual add):
     * all of them are one channel.
     */
    JOIN,
    /**
     * Input channel {@code c} of a {@code [C, ...]} example becomes the consecutive values
     * {@code c * per .. c * per + per - 1} of the flat output ({@code per} values per channel).
     */
    FLATTEN,
    /**
     * Any output channel may read any input channel (dense layers, convolutions, attention,
     * normalisation over channels, embeddings): the kind's own rule says which.
     */
    MIXING
}
