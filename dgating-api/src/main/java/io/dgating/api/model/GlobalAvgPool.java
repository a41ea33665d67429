package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;

/**
 * The mean of every channel over its whole image: {@code [C, H, W] -> [C, 1, 1]} (as ONNX's
 * {@code GlobalAveragePool}; flatten it before a dense layer).
 *
 * @param name unique layer name
 */
public record GlobalAvgPool(String name) implements LayerSpec {

    /**
     * Validates the name.
     *
     * @param name unique layer name
     */
    public GlobalAvgPool {
        Layers.requireName(name, "global average pool");
    }

    @Override
    public Shape outputShape(Shape input) {
        return Shape.of(Layers.image(name, input).dim(0), 1, 1);
    }

    /** {@return no parameters} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        return List.of();
    }

    /** {@return {@link LayerKind#GLOBAL_AVG_POOL}} */
    @Override
    public LayerKind kind() {
        return LayerKind.GLOBAL_AVG_POOL;
    }

    /** {@return {@link ChannelFlow#PER_CHANNEL}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.PER_CHANNEL;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.globalAvgPool(this);
    }
}
