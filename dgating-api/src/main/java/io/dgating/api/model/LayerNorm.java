package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.List;

/**
 * Layer normalisation over the last axis of an example, as PyTorch's {@code LayerNorm(shape[-1])}
 * and ONNX's {@code LayerNormalization(axis=-1)}: {@code y = gamma (x - mean) / sqrt(var + eps) + beta}
 * with the mean and biased variance of the last axis, the same in training and inference. On a flat
 * example that is every feature; on a sequence {@code [T, E]}, every token's embedding.
 *
 * <p>A layer norm mixes every value of its axis, so a removed group upstream leaves a zero that
 * still counts towards the mean and variance: export keeps every channel it reads.
 *
 * @param name unique layer name
 * @param epsilon added to the variance, positive
 */
public record LayerNorm(String name, double epsilon) implements LayerSpec {

    /** PyTorch's default epsilon. */
    public static final double DEFAULT_EPSILON = 1e-5;

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param epsilon added to the variance, positive
     * @throws IllegalArgumentException if the name is blank or epsilon is not positive
     */
    public LayerNorm {
        Layers.requireName(name, "layer norm");
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("layer norm '" + name + "' needs a finite epsilon > 0, got " + epsilon);
        }
    }

    /**
     * Returns a layer norm with PyTorch's epsilon.
     *
     * @param name layer name
     * @return the layer
     */
    public static LayerNorm of(String name) {
        return new LayerNorm(name, DEFAULT_EPSILON);
    }

    /** {@return the input shape} */
    @Override
    public Shape outputShape(Shape input) {
        width(input);
        return input;
    }

    /** {@return the scale (starts at 1) and shift (starts at 0), each {@code [last axis]}} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        Shape w = Shape.of(width(input));
        return List.of(
                new ParamSpec(scaleParam(), ParamRole.SCALE, w, 0), new ParamSpec(shiftParam(), ParamRole.SHIFT, w, 0));
    }

    /**
     * Returns the extent of the normalised axis.
     *
     * @param input any shape of rank 1 or more
     * @return its last dimension
     * @throws IllegalArgumentException for a scalar or an axis of 1 (whose variance is always 0)
     */
    public int width(Shape input) {
        if (input.rank() < 1 || input.dim(input.rank() - 1) < 2) {
            throw new IllegalArgumentException(
                    "layer norm '" + name + "' needs a last axis of 2 or more, got " + input);
        }
        return input.dim(input.rank() - 1);
    }

    /** {@return {@link LayerKind#LAYER_NORM}} */
    @Override
    public LayerKind kind() {
        return LayerKind.LAYER_NORM;
    }

    /** {@return {@link ChannelFlow#MIXING}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.MIXING;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.layerNorm(this);
    }

    /** {@return the scale over the normalised axis, {@code <name>.weight}} */
    public ParamRef scaleParam() {
        return new ParamRef(name, ParamRef.WEIGHT);
    }

    /** {@return the shift over the normalised axis, {@code <name>.bias}} */
    public ParamRef shiftParam() {
        return new ParamRef(name, ParamRef.BIAS);
    }
}
