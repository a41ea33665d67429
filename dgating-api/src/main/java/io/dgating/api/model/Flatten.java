package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;
import java.util.Objects;

/**
 * Turns each example into a flat row of its values in row-major order: {@code [C, H, W]} becomes
 * {@code [C * H * W]}, and channel {@code c} the columns {@code c * H * W .. (c + 1) * H * W - 1}
 * (the mapping that pruning keeps explicit when channels are removed before it). Examples are
 * stored row-major already, so no value moves.
 *
 * @param name unique layer name
 */
public record Flatten(String name) implements LayerSpec {

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @throws IllegalArgumentException if the name is blank
     */
    public Flatten {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("flatten layer needs a name");
        }
    }

    /** {@return {@code [size of input]}} */
    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(input.size());
    }

    /** {@return no parameters: flatten has none} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        return List.of();
    }

    /** {@return {@link LayerKind#FLATTEN}} */
    @Override
    public LayerKind kind() {
        return LayerKind.FLATTEN;
    }

    /** {@return {@link ChannelFlow#FLATTEN}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.FLATTEN;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.flatten(this);
    }
}
