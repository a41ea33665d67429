package io.dgating.api.model;

import java.util.List;

/**
 * One layer of a model. Every layer has a unique name and declares its own parameters
 * ({@link #parameters}); gates are added by the gating ({@code <layer>.gates}).
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

    /**
     * Returns the parameters this layer has when {@code inputSize} values per example enter it,
     * in a fixed order (the order of initialisation and of result files).
     *
     * @param inputSize values per example entering the layer
     * @return the parameters (empty for a layer without any)
     */
    List<ParamSpec> parameters(int inputSize);
}
