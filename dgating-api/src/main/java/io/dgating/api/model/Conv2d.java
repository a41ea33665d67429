package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.List;

/**
 * A 2-D convolution (cross-correlation, as in PyTorch and ONNX) with square kernels:
 * {@code [C, H, W] -> [filters, OH, OW]}, {@code OH = floor((H + 2 padding - dilation (kernel - 1) - 1) / stride) + 1}.
 * The weight is {@code [filters, C, kernel, kernel]}: entry {@code f} is filter {@code f}, the
 * group that filter sparsity removes.
 *
 * @param name unique layer name
 * @param filters output channels
 * @param kernel kernel height and width
 * @param stride step between windows
 * @param padding zeros added on every side
 * @param dilation spacing between kernel taps
 * @param bias whether each filter has a bias
 */
public record Conv2d(String name, int filters, int kernel, int stride, int padding, int dilation, boolean bias)
        implements LayerSpec {

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param filters output channels
     * @param kernel kernel height and width
     * @param stride step between windows
     * @param padding zeros added on every side
     * @param dilation spacing between kernel taps
     * @param bias whether each filter has a bias
     * @throws IllegalArgumentException if the name is blank, a size is below 1 or padding is negative
     */
    public Conv2d {
        Layers.requireName(name, "conv2d");
        Layers.requirePositive(name, "filters", filters);
        Layers.requirePositive(name, "kernel", kernel);
        Layers.requirePositive(name, "stride", stride);
        Layers.requirePositive(name, "dilation", dilation);
        if (padding < 0) {
            throw new IllegalArgumentException("layer '" + name + "' needs padding >= 0, got " + padding);
        }
    }

    @Override
    public Shape outputShape(Shape input) {
        Shape in = Layers.image(name, input);
        return Shape.of(
                filters,
                Layers.slide(name, in.dim(1), kernel, stride, padding, dilation),
                Layers.slide(name, in.dim(2), kernel, stride, padding, dilation));
    }

    /** {@return {@code <name>.weight [filters, C, k, k]} and, with a bias, {@code <name>.bias [filters]}; fan-in {@code C k k}} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        int c = Layers.image(name, input).dim(0);
        int fanIn = c * kernel * kernel;
        ParamSpec w = new ParamSpec(weightParam(), ParamRole.WEIGHT, Shape.of(filters, c, kernel, kernel), fanIn);
        return bias ? List.of(w, new ParamSpec(biasParam(), ParamRole.BIAS, Shape.of(filters), fanIn)) : List.of(w);
    }

    /** {@return {@link LayerKind#CONV2D}} */
    @Override
    public LayerKind kind() {
        return LayerKind.CONV2D;
    }

    /** {@return {@link ChannelFlow#MIXING}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.MIXING;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.conv2d(this);
    }

    /** {@return the filters {@code <name>.weight} {@code [filters, C, k, k]} (omega when gated)} */
    public ParamRef weightParam() {
        return new ParamRef(name, ParamRef.WEIGHT);
    }

    /** {@return the bias {@code <name>.bias} (present only when {@link #bias()} is true)} */
    public ParamRef biasParam() {
        return new ParamRef(name, ParamRef.BIAS);
    }
}
