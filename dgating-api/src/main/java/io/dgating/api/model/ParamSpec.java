package io.dgating.api.model;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.Objects;

/**
 * One parameter tensor a layer declares: which one, what it does, its shape and how it starts.
 *
 * @param ref the tensor (its layer and part)
 * @param role what it does
 * @param shape its shape
 * @param fanIn inputs per output unit, which sets the initialiser's range {@code 1/sqrt(fanIn)}
 *     (0 for tensors that are not drawn at random, such as gates)
 */
public record ParamSpec(ParamRef ref, ParamRole role, Shape shape, int fanIn) {

    /**
     * Checks the fields.
     *
     * @param ref the tensor (its layer and part)
     * @param role what it does
     * @param shape its shape
     * @param fanIn inputs per output unit, which sets the initialiser's range {@code 1/sqrt(fanIn)}
     *     (0 for tensors that are not drawn at random, such as gates)
     */
    public ParamSpec {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(shape, "shape");
        if (fanIn < 0) {
            throw new IllegalArgumentException("parameter " + ref + " has negative fan-in " + fanIn);
        }
    }

    /** {@return the tensor's key, {@code layer.part}} */
    public String name() {
        return ref.name();
    }

    /** {@return the layer the tensor belongs to} */
    public String layer() {
        return ref.layer();
    }
}
