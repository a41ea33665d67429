package io.dgating.api;

import java.util.Objects;

/**
 * One parameter tensor of a layer, named by its layer and its part ({@code weight}, {@code bias},
 * {@code query.weight}, {@code running_mean}, {@code gates}). Layers hand out their own
 * ({@code Dense.weightParam()}, {@code BatchNorm.runningMeanParam()}, ...), so no reader builds a
 * name; {@link #name()}, {@code layer.part}, is how parameter sets and result files key the tensor.
 *
 * @param layer the layer that owns the tensor
 * @param part what the tensor is within the layer
 */
public record ParamRef(String layer, String part) {

    /** The part name of a weight (omega when the layer is gated). */
    public static final String WEIGHT = "weight";
    /** The part name of a bias. */
    public static final String BIAS = "bias";
    /** The part name of a gated layer's {@code [groups, D - 1]} gate matrix. */
    public static final String GATES = "gates";

    /**
     * Checks the fields.
     *
     * @param layer the layer that owns the tensor
     * @param part what the tensor is within the layer
     */
    public ParamRef {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(part, "part");
    }

    /**
     * Returns the gate matrix of a gated layer.
     *
     * @param layer the gated layer's name
     * @return its gates
     */
    public static ParamRef gatesOf(String layer) {
        return new ParamRef(layer, GATES);
    }

    /** {@return {@code layer.part}, the key of the tensor in parameter sets and result files} */
    public String name() {
        return layer + "." + part;
    }

    @Override
    public String toString() {
        return name();
    }
}
