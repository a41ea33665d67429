package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;

/**
 * One layer of a model. Every layer has a unique name and declares its own parameters
 * ({@link #parameters}); gates are added by the gating ({@code <layer>.gates}).
 *
 * <p>Implemented now: {@link Dense}, {@link Dropout} and {@link Flatten}. Planned as further records of this
 * interface: {@code Conv2d} (groups: filters), {@code BatchNorm}, {@code Pool},
 * {@code ResidualAdd} (names its inputs; channels joined by it are removed together),
 * {@code LayerNorm} and {@code MultiHeadAttention} (groups: heads).
 */
public sealed interface LayerSpec permits Dense, Dropout, Flatten {

    /** Returns the layer's unique name. */
    String name();

    /**
     * Returns the shape of one example leaving this layer, given the shape entering it.
     *
     * @param input the shape of one example entering the layer
     * @return the shape leaving it
     * @throws IllegalArgumentException if the layer cannot take that shape, saying why
     */
    Shape outputShape(Shape input);

    /**
     * Returns the parameters this layer has when examples of shape {@code input} enter it, in a
     * fixed order (the order of initialisation and of result files).
     *
     * @param input the shape of one example entering the layer
     * @return the parameters (empty for a layer without any)
     */
    List<ParamSpec> parameters(Shape input);
}
