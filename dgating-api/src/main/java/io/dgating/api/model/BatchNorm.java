package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.List;

/**
 * Batch normalisation over the channel axis, PyTorch's {@code BatchNorm2d} (images {@code [C, H, W]})
 * or {@code BatchNorm1d} (flat {@code [C]}): {@code y = gamma (x - mean) / sqrt(var + eps) + beta}.
 * Training normalises with the batch's statistics (biased variance) and updates the running ones
 * {@code r = (1 - momentum) r + momentum s} (unbiased variance); inference uses the running ones,
 * which is what export folds into the preceding convolution.
 *
 * @param name unique layer name
 * @param momentum weight of the batch statistics in the running update, in {@code (0, 1]}
 * @param epsilon added to the variance, positive
 */
public record BatchNorm(String name, double momentum, double epsilon) implements LayerSpec {

    /** PyTorch's defaults. */
    public static final double DEFAULT_MOMENTUM = 0.1;
    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-5;

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param momentum weight of the batch statistics in the running update, in {@code (0, 1]}
     * @param epsilon added to the variance, positive
     * @throws IllegalArgumentException if the name is blank or momentum or epsilon is out of range
     */
    public BatchNorm {
        Layers.requireName(name, "batch norm");
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("batch norm '" + name + "' needs momentum in (0, 1], got " + momentum);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("batch norm '" + name + "' needs epsilon > 0, got " + epsilon);
        }
    }

    /**
     * Returns a batch norm with PyTorch's defaults.
     *
     * @param name layer name
     * @return the layer
     */
    public static BatchNorm of(String name) {
        return new BatchNorm(name, DEFAULT_MOMENTUM, DEFAULT_EPSILON);
    }

    /** {@return the input shape} */
    @Override
    public Shape outputShape(Shape input) {
        channels(input);
        return input;
    }

    /** {@return scale, shift, running mean and running variance, each {@code [C]}} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        Shape c = Shape.of(channels(input));
        return List.of(
                new ParamSpec(scaleParam(), ParamRole.SCALE, c, 0),
                new ParamSpec(shiftParam(), ParamRole.SHIFT, c, 0),
                new ParamSpec(runningMeanParam(), ParamRole.RUNNING_MEAN, c, 0),
                new ParamSpec(runningVarParam(), ParamRole.RUNNING_VAR, c, 0));
    }

    /**
     * Returns the number of channels of an input.
     *
     * @param input {@code [C]} or {@code [C, H, W]}
     * @return {@code C}
     */
    public int channels(Shape input) {
        if (input.rank() != 1 && input.rank() != 3) {
            throw new IllegalArgumentException("batch norm '" + name + "' takes [C] or [C, H, W], got " + input);
        }
        return input.dim(0);
    }

    /** {@return {@link LayerKind#BATCH_NORM}} */
    @Override
    public LayerKind kind() {
        return LayerKind.BATCH_NORM;
    }

    /** {@return {@link ChannelFlow#PER_CHANNEL}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.PER_CHANNEL;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.batchNorm(this);
    }

    /** {@return the per-channel scale gamma, {@code <name>.weight} as PyTorch names it} */
    public ParamRef scaleParam() {
        return new ParamRef(name, ParamRef.WEIGHT);
    }

    /** {@return the per-channel shift beta, {@code <name>.bias} as PyTorch names it} */
    public ParamRef shiftParam() {
        return new ParamRef(name, ParamRef.BIAS);
    }

    /** {@return the running mean {@code <name>.running_mean}} */
    public ParamRef runningMeanParam() {
        return new ParamRef(name, "running_mean");
    }

    /** {@return the running (unbiased) variance {@code <name>.running_var}} */
    public ParamRef runningVarParam() {
        return new ParamRef(name, "running_var");
    }
}
