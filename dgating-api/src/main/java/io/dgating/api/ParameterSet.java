package io.dgating.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors in a fixed order: the parameters of a model as they leave an engine, keyed by
 * {@link ParamRef#name()} ({@code <layer>.weight}, {@code <layer>.bias}, {@code <layer>.gates}).
 *
 * <p>Immutable; {@link Tensor} itself copies, so nothing a caller does changes the set.
 */
public final class ParameterSet {

    private final Map<String, Tensor> tensors;

    /**
     * Creates a set from a map, keeping its iteration order.
     *
     * @param tensors name to tensor
     */
    public ParameterSet(Map<String, Tensor> tensors) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Returns the tensor of the given name.
     *
     * @param name the parameter name
     * @return the tensor
     * @throws IllegalArgumentException if there is none
     */
    public Tensor get(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; have " + tensors.keySet());
        }
        return t;
    }

    /**
     * Returns the tensor a layer's reference names.
     *
     * @param ref the parameter
     * @return the tensor
     * @throws IllegalArgumentException if there is none
     */
    public Tensor get(ParamRef ref) {
        return get(ref.name());
    }

    /**
     * Returns whether the referenced parameter exists.
     *
     * @param ref the parameter
     * @return true if present
     */
    public boolean contains(ParamRef ref) {
        return contains(ref.name());
    }

    /**
     * Returns whether a parameter of that name exists.
     *
     * @param name the parameter name
     * @return true if present
     */
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** {@return the names in order} */
    public Set<String> names() {
        return tensors.keySet();
    }

    /** {@return an unmodifiable view of the tensors in order} */
    public Map<String, Tensor> asMap() {
        return tensors;
    }

    /** {@return the total number of scalar values} */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(Tensor::size).sum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSet p && tensors.equals(p.tensors);
    }

    @Override
    public int hashCode() {
        return tensors.hashCode();
    }

    @Override
    public String toString() {
        return "ParameterSet" + tensors;
    }
}
