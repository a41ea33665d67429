package io.dgating.api.gating;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import java.util.Arrays;
import java.util.Objects;

/**
 * Part of a group: the entries of one parameter tensor whose index along {@code axis} is one of
 * {@code indices} (row 3 of a dense weight is {@code (weight, 0, [3])}; input columns 0 and 1
 * are {@code (weight, 1, [0, 1])}; a conv filter is {@code (weight, 0, [f])}, with its bias and
 * batch-norm entries in slices of their own).
 *
 * @param param the parameter
 * @param axis the axis the indices select along
 * @param indices the selected positions, ascending
 */
public record GroupSlice(ParamRef param, int axis, int[] indices) {

    /**
     * Copies and checks the fields.
     *
     * @param param the parameter
     * @param axis the axis the indices select along
     * @param indices the selected positions, ascending
     */
    public GroupSlice {
        Objects.requireNonNull(param, "param");
        indices = indices.clone();
        if (axis < 0) {
            throw new IllegalArgumentException("slice of " + param + " needs axis >= 0, got " + axis);
        }
        for (int i = 1; i < indices.length; i++) {
            if (indices[i] <= indices[i - 1]) {
                throw new IllegalArgumentException(
                        "slice of " + param + " needs ascending indices, got " + Arrays.toString(indices));
            }
        }
    }

    /** {@return a copy of the indices} */
    @Override
    public int[] indices() {
        return indices.clone();
    }

    /**
     * Returns the row-major flat positions of the slice's entries in a tensor of the given shape, ascending.
     *
     * @param shape the parameter's shape
     * @return the positions
     * @throws IllegalArgumentException if the axis or an index is outside the shape
     */
    public int[] elements(Shape shape) {
        if (axis >= shape.rank()) {
            throw new IllegalArgumentException("slice of " + param + " along axis " + axis + " of a tensor " + shape);
        }
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape.dim(a);
        }
        int inner = 1;
        for (int a = axis + 1; a < shape.rank(); a++) {
            inner *= shape.dim(a);
        }
        int extent = shape.dim(axis);
        int[] out = new int[outer * indices.length * inner];
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (int idx : indices) {
                if (idx < 0 || idx >= extent) {
                    throw new IllegalArgumentException(
                            "slice of " + param + " selects " + idx + " on an axis of " + extent);
                }
                int base = (o * extent + idx) * inner;
                for (int i = 0; i < inner; i++) {
                    out[k++] = base + i;
                }
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupSlice s
                && s.param.equals(param)
                && s.axis == axis
                && Arrays.equals(s.indices, indices);
    }

    @Override
    public int hashCode() {
        return Objects.hash(param, axis, Arrays.hashCode(indices));
    }

    @Override
    public String toString() {
        return param + "[axis " + axis + ": " + Arrays.toString(indices) + "]";
    }
}
