package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.List;
import java.util.Objects;

/**
 * A fully connected layer {@code y = f(x W^T + b)} with {@code W} of shape
 * {@code [units, inputs]}: row {@code i} holds the weights entering output unit {@code i}
 * (a "neuron" group), column {@code j} the weights leaving input {@code j} (an
 * "input feature" group). On a sequence {@code [T, inputs]} it maps every position alike, as
 * PyTorch's {@code Linear} does: {@code [T, inputs] -> [T, units]}.
 *
 * @param name unique layer name
 * @param units number of output units
 * @param activation element-wise activation applied after the affine map
 * @param bias whether the layer has a bias vector
 */
public record Dense(String name, int units, Activation activation, boolean bias) implements LayerSpec {

    /**
     * Validates the layer.
     *
     * @param name unique layer name
     * @param units number of output units
     * @param activation element-wise activation applied after the affine map
     * @param bias whether the layer has a bias vector
     * @throws IllegalArgumentException if the name is blank or {@code units < 1}
     */
    public Dense {
        Objects.requireNonNull(activation, "activation");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("dense layer needs a name");
        }
        if (units < 1) {
            throw new IllegalArgumentException("dense layer '" + name + "' needs units >= 1, got " + units);
        }
    }

    /**
     * Returns {@code [units]}, or {@code [T, units]} for a sequence.
     *
     * @throws IllegalArgumentException unless the input is flat ({@code [inputs]}) or a sequence ({@code [T, inputs]})
     */
    @Override
    public Shape outputShape(Shape input) {
        inputs(input);
        return input.rank() == 1 ? Shape.of(units) : Shape.of(input.dim(0), units);
    }

    /** {@return {@code <name>.weight [units, inputs]} and, with a bias, {@code <name>.bias [units]}, both of fan-in {@code inputs}} */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        int in = inputs(input);
        ParamSpec w = new ParamSpec(weightParam(), ParamRole.WEIGHT, Shape.of(units, in), in);
        return bias ? List.of(w, new ParamSpec(biasParam(), ParamRole.BIAS, Shape.of(units), in)) : List.of(w);
    }

    /**
     * Returns the number of inputs of every position.
     *
     * @param input {@code [inputs]} or {@code [T, inputs]}
     * @return the last dimension
     * @throws IllegalArgumentException for any other rank
     */
    public int inputs(Shape input) {
        if (input.rank() != 1 && input.rank() != 2) {
            throw new IllegalArgumentException("dense layer '" + name + "' takes flat examples [inputs] or sequences "
                    + "[T, inputs], got " + input + "; flatten them first");
        }
        return input.dim(input.rank() - 1);
    }

    /**
     * Returns how many positions the layer maps alike: 1 for a flat example, {@code T} for a sequence.
     *
     * @param input {@code [inputs]} or {@code [T, inputs]}
     * @return the positions
     */
    public int positions(Shape input) {
        inputs(input);
        return input.rank() == 1 ? 1 : input.dim(0);
    }

    /** {@return {@link LayerKind#DENSE}} */
    @Override
    public LayerKind kind() {
        return LayerKind.DENSE;
    }

    /** {@return {@link ChannelFlow#MIXING}} */
    @Override
    public ChannelFlow channelFlow() {
        return ChannelFlow.MIXING;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.dense(this);
    }

    /** {@return the weight {@code <name>.weight} {@code [units, inputs]} (omega when gated)} */
    public ParamRef weightParam() {
        return new ParamRef(name, ParamRef.WEIGHT);
    }

    /** {@return the bias {@code <name>.bias} (present only when {@link #bias()} is true)} */
    public ParamRef biasParam() {
        return new ParamRef(name, ParamRef.BIAS);
    }
}
