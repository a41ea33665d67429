package io.dgating.api.model;

/**
 * One layer of a model. Every layer has a unique name; parameters are named
 * {@code <layer>.weight}, {@code <layer>.bias} and, when gated, {@code <layer>.gates}.
 *
 * <p>Implemented now: {@link Dense} and {@link Dropout}. Planned as further records of this
 * interface: {@code Conv2d} (groups: filters), {@code BatchNorm}, {@code Pool},
 * {@code ResidualAdd} (names its inputs; channels joined by it are removed together),
 * {@code LayerNorm} and {@code MultiHeadAttention} (groups: heads).
 */
public sealed interface LayerSpec permits Dense, Dropout {

    /** Returns the layer's unique name. */
    String name();

    /**
     * Returns the number of values per example this layer emits, given how many it reads.
     *
     * @param inputSize values per example entering the layer
     * @return values per example leaving it
     */
    int outputSize(int inputSize);
}
