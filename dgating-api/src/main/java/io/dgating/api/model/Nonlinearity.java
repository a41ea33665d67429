package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;
import java.util.Objects;

/**
 * An element-wise activation on its own, for layers that have none built in (a convolution, a
 * batch norm, a residual sum). Dense layers carry theirs.
 *
 * @param name unique layer name
 * @param activation the function
 */
public record Nonlinearity(String name, Activation activation) implements LayerSpec {

    /**
     * Validates the fields.
     *
     * @param name unique layer name
     * @param activation the function
     */
    public Nonlinearity {
        Layers.requireName(name, "activation");
        Objects.requireNonNull(activation, "activation");
    }

    /** {@return the input shape} */
    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    /** {@return no parameters} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        return List.of();
    }

    /** {@return {@link LayerKind#ACTIVATION}} */
    @Override
    public LayerKind kind() {
        return LayerKind.ACTIVATION;
    }

    /** {@return {@link ChannelFlow#PER_CHANNEL}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.PER_CHANNEL;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.nonlinearity(this);
    }
}
