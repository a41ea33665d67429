package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;

/**
 * Inverted dropout: during training each value is zeroed with probability {@code rate}
 * and the survivors are scaled by {@code 1 / (1 - rate)}; at inference it is the identity.
 *
 * @param name unique layer name
 * @param rate drop probability in {@code [0, 1)}
 */
public record Dropout(String name, double rate) implements LayerSpec {

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param rate drop probability in {@code [0, 1)}
     * @throws IllegalArgumentException if the rate is outside {@code [0, 1)}
     */
    public Dropout {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dropout layer needs a name");
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("dropout '" + name + "' needs rate in [0, 1), got " + rate);
        }
    }

    /** {@return the input shape: dropout zeroes values, it does not move them} */
    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    /** {@return no parameters: dropout has none} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        return List.of();
    }

    /** {@return {@link LayerKind#DROPOUT}} */
    @Override
    public LayerKind kind() {
        return LayerKind.DROPOUT;
    }

    /** {@return {@link ChannelFlow#PER_CHANNEL}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.PER_CHANNEL;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.dropout(this);
    }
}
