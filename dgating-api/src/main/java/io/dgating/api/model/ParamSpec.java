package io.dgating.api.model;

import io.dgating.api.Shape;
import java.util.Objects;

/**
 * One parameter tensor a layer declares.
 *
 * @param name unique name, {@code <layer>.<kind>} by convention (names are labels, not parsed)
 * @param layer the layer it belongs to
 * @param role what it does
 * @param shape its shape
 * @param fanIn inputs per output unit, which sets the initialiser's range {@code 1/sqrt(fanIn)}
 *     (0 for tensors that are not drawn at random, such as gates)
 */
public record ParamSpec(String name, String layer, ParamRole role, Shape shape, int fanIn) {

    /**
     * Checks the fields.
     *
     * @param name unique name, {@code <layer>.<kind>} by convention (names are labels, not parsed)
     * @param layer the layer it belongs to
     * @param role what it does
     * @param shape its shape
     * @param fanIn inputs per output unit, which sets the initialiser's range {@code 1/sqrt(fanIn)}
     *     (0 for tensors that are not drawn at random, such as gates)
     */
    public ParamSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(shape, "shape");
        if (fanIn < 0) {
            throw new IllegalArgumentException("parameter " + name + " has negative fan-in " + fanIn);
        }
    }
}
