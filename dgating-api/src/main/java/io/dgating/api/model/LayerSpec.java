package io.dgating.api.model;

import io.dgating.api.Shape;
import java.io.Serializable;
import java.util.List;

/**
 * One layer of a model. Every layer has a unique name, declares its output shape from its input
 * shapes and its own parameters ({@link #parameters}); gates are added by the gating
 * ({@code <layer>.gates}). Which outputs feed a layer is the model's wiring
 * ({@link ModelSpec#inputs()}), not the layer's.
 *
 * <p>Layers are values, serializable so that a unit of work carrying a model runs in another JVM.
 *
 * <p>Adding a kind: a record here (its shapes, parameters, {@link ChannelFlow}), a {@link LayerKind}
 * constant (its result-file name) and a {@link LayerVisitor} method; every module's registry
 * implements the visitor, so the compiler lists each place the kind must be handled, and
 * {@code LayerKindCoverageTest} checks that each of them works.
 */
public sealed interface LayerSpec extends Serializable
        permits Add,
                BatchNorm,
                Conv2d,
                Dense,
                Dropout,
                Embedding,
                Flatten,
                GlobalAvgPool,
                LayerNorm,
                MultiHeadAttention,
                Multiply,
                Nonlinearity,
                Pool2d,
                PositionEmbedding {

    /** {@return the layer's unique name} */
    String name();

    /** {@return the layer's kind} */
    LayerKind kind();

    /** {@return how the layer maps the channels of its inputs to those of its output} */
    ChannelFlow channelFlow();

    /**
     * Hands this layer to the visitor method of its kind.
     *
     * @param visitor a module's registry of layer kinds
     * @param <R> what the registry makes of a layer
     * @return what the visitor returns
     */
    <R> R accept(LayerVisitor<R> visitor);

    /**
     * Returns the shape of one example leaving this layer, given the shape entering it.
     *
     * @param input the shape of one example entering the layer
     * @return the shape leaving it
     * @throws IllegalArgumentException if the layer cannot take that shape, saying why
     */
    Shape outputShape(Shape input);

    /**
     * Returns the shape leaving the layer given the shapes of all its inputs.
     *
     * @param inputs one shape per input, in the order the model wires them
     * @return the shape leaving it
     * @throws IllegalArgumentException if the layer cannot take them
     */
    default Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("layer '" + name() + "' takes one input, got " + inputs.size());
        }
        return outputShape(inputs.get(0));
    }

    /** {@return the fewest inputs the layer takes: 1, or 2 for a join. A layer of 1 takes exactly 1} */
    default int minInputs() {
        return 1;
    }

    /**
     * Returns the parameters this layer has when examples of shape {@code input} enter it, in a
     * fixed order (the order of initialisation and of result files).
     *
     * @param input the shape of one example entering the layer
     * @return the parameters (empty for a layer without any)
     */
    List<ParamSpec> parameters(Shape input);
}
