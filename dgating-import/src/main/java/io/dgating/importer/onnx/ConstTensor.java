package io.dgating.importer.onnx;

import java.util.Arrays;

/**
 * A constant of the graph (an initializer or a {@code Constant} node's value), as floats and, for
 * integer tensors (shapes, pads), also as longs.
 *
 * @param dims its shape
 * @param floats its values as floats
 * @param longs its values as longs for integer tensors, otherwise null
 */
public record ConstTensor(long[] dims, float[] floats, long[] longs) {

    /** {@return the number of values} */
    public int size() {
        return floats.length;
    }

    /**
     * {@return whether every value equals {@code v} (a scalar, or a constant broadcast alike)}
     *
     * @param v the value to compare with, rounded to float
     */
    public boolean allEqual(double v) {
        for (float f : floats) {
            if (f != (float) v) {
                return false;
            }
        }
        return floats.length > 0;
    }

    /** {@return the shape as ints} */
    public int[] intDims() {
        return Arrays.stream(dims).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConstTensor c
                && Arrays.equals(dims, c.dims)
                && Arrays.equals(floats, c.floats)
                && Arrays.equals(longs, c.longs);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims) * 31 + Arrays.hashCode(floats);
    }

    @Override
    public String toString() {
        return "ConstTensor" + Arrays.toString(dims);
    }
}
