package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;

/**
 * The element-wise product of two inputs: of equal shape, or an image {@code [C, H, W]} and one
 * value per channel {@code [C, 1, 1]}, which scales each channel of the image (the excitation of a
 * squeeze-and-excitation block, as ONNX's {@code Mul} broadcasts it). Channel {@code c} of the
 * output is channel {@code c} of both inputs, so pruning keeps or removes them together; a channel
 * that is zero in either input is zero in the output.
 *
 * @param name unique layer name
 */
public record Multiply(String name) implements LayerSpec {

    /**
     * Validates the name.
     *
     * @param name unique layer name
     */
    public Multiply {
        Layers.requireName(name, "multiply");
    }

    /** {@return 2: the model's wiring names the two inputs} */
    @Override
    public int minInputs() {
        return 2;
    }

    /** {@return the input shape (for one input: the shape both share)} */
    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    /**
     * Returns the first input's shape.
     *
     * @throws IllegalArgumentException unless there are two inputs, of one shape or an image and one value per channel
     */
    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("multiply '" + name + "' takes two inputs, got " + inputs.size());
        }
        Shape a = inputs.get(0);
        Shape b = inputs.get(1);
        if (!a.equals(b) && !(a.rank() == 3 && b.equals(Shape.of(a.dim(0), 1, 1)))) {
            throw new IllegalArgumentException("multiply '" + name
                    + "' needs inputs of one shape, or an image [C, H, W] " + "and [C, 1, 1], got " + inputs);
        }
        return a;
    }

    /**
     * {@return whether the second input holds one value per channel of the first}
     *
     * @param inputs the two input shapes
     */
    public boolean scalesChannels(List<Shape> inputs) {
        return !outputShape(inputs).equals(inputs.get(1));
    }

    /** {@return no parameters} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        return List.of();
    }

    /** {@return {@link LayerKind#MULTIPLY}} */
    @Override
    public LayerKind kind() {
        return LayerKind.MULTIPLY;
    }

    /** {@return {@link ChannelFlow#JOIN}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.JOIN;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.multiply(this);
    }
}
