package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.List;

/**
 * The element-wise sum of two or more inputs of equal shape: the join of a residual block. Its
 * inputs are named in the model ({@link ModelSpec#inputs()}); channels it joins are one channel
 * downstream, so pruning removes them together or not at all.
 *
 * @param name unique layer name
 */
public record Add(String name) implements LayerSpec {

    /**
     * Validates the name.
     *
     * @param name unique layer name
     */
    public Add {
        Layers.requireName(name, "add");
    }

    /** {@return 2 or more: the model's wiring says how many} */
    @Override
    public int minInputs() {
        return 2;
    }

    /** {@return the input shape (for one input: the shape all of them share)} */
    @Override
    public Shape outputShape(Shape input) {
        return input;
    }

    /**
     * Returns the shared shape.
     *
     * @throws IllegalArgumentException if the inputs differ in shape
     */
    @Override
    public Shape outputShape(List<Shape> inputs) {
        for (Shape s : inputs) {
            if (!s.equals(inputs.get(0))) {
                throw new IllegalArgumentException("add '" + name + "' needs inputs of one shape, got " + inputs);
            }
        }
        return inputs.get(0);
    }

    /** {@return no parameters} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        return List.of();
    }

    /** {@return {@link LayerKind#ADD}} */
    @Override
    public LayerKind kind() {
        return LayerKind.ADD;
    }

    /** {@return {@link ChannelFlow#JOIN}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.JOIN;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.add(this);
    }
}
