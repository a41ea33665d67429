package io.dgating.api.model;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import java.util.List;
import java.util.Objects;

/**
 * A fully connected layer {@code y = f(x W^T + b)} with {@code W} of shape
 * {@code [units, inputs]}: row {@code i} holds the weights entering output unit {@code i}
 * (a "neuron" group), column {@code j} the weights leaving input {@code j} (an
 * "input feature" group).
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
     * Returns {@code [units]}.
     *
     * @throws IllegalArgumentException unless the input is flat ({@code [inputs]})
     */
    @Override
    public Shape outputShape(Shape input) {
        inputs(input);
        return Shape.of(units);
    }

    /** Returns {@code <name>.weight [units, inputs]} and, with a bias, {@code <name>.bias [units]}, both of fan-in {@code inputs}. */
    @Override
    public List<ParamSpec> parameters(Shape input) {
        int in = inputs(input);
        ParamSpec w = new ParamSpec(name + ParameterSet.WEIGHT, name, ParamRole.WEIGHT, Shape.of(units, in), in);
        return bias ? List.of(w, new ParamSpec(name + ParameterSet.BIAS, name, ParamRole.BIAS, Shape.of(units), in))
                : List.of(w);
    }

    private int inputs(Shape input) {
        if (input.rank() != 1) {
            throw new IllegalArgumentException("dense layer '" + name + "' takes flat examples [inputs], got " + input
                    + "; flatten them first");
        }
        return input.dim(0);
    }
}
