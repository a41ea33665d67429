package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;
import java.util.Objects;

/**
 * Max or average pooling over square windows of each channel: {@code [C, H, W] -> [C, OH, OW]}
 * (floor mode). Padding counts as minus infinity for max and as zeros in the average's
 * denominator (PyTorch's {@code count_include_pad=True}).
 *
 * @param name unique layer name
 * @param mode max or average
 * @param kernel window height and width
 * @param stride step between windows
 * @param padding padding on every side, at most half the kernel
 */
public record Pool2d(String name, Mode mode, int kernel, int stride, int padding) implements LayerSpec {

    /** How a window is reduced. */
    public enum Mode {
        /** The largest value. */
        MAX,
        /** The mean, padding included. */
        AVERAGE
    }

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param mode max or average
     * @param kernel window height and width
     * @param stride step between windows
     * @param padding padding on every side, at most half the kernel
     * @throws IllegalArgumentException if a size is out of range
     */
    public Pool2d {
        Layers.requireName(name, "pool");
        Objects.requireNonNull(mode, "mode");
        Layers.requirePositive(name, "kernel", kernel);
        Layers.requirePositive(name, "stride", stride);
        if (padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException("pool '" + name + "' needs 0 <= padding <= kernel / 2, got " + padding);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape in = Layers.image(name, input);
        return Shape.of(
                in.dim(0),
                Layers.slide(name, in.dim(1), kernel, stride, padding, 1),
                Layers.slide(name, in.dim(2), kernel, stride, padding, 1));
    }

    /** {@return no parameters} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        return List.of();
    }

    /** {@return {@link LayerKind#POOL2D}} */
    @Override
    public LayerKind kind() {
        return LayerKind.POOL2D;
    }

    /** {@return {@link ChannelFlow#PER_CHANNEL}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.PER_CHANNEL;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.pool2d(this);
    }
}
