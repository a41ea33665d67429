package io.dgating.api;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The extent of every dimension of a tensor or of one example: {@code [784]} for a flat row,
 * {@code [1, 28, 28]} for a grey image (channels, height, width). Immutable; the dimensions are
 * copied in and out.
 *
 * @param dims the dimensions, outermost first (a scalar has none)
 */
public record Shape(int[] dims) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies and checks the dimensions.
     *
     * @param dims the dimensions, outermost first (a scalar has none)
     * @throws IllegalArgumentException if a dimension is negative or the size overflows an int
     */
    public Shape {
        dims = dims.clone();
        long size = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
            size *= d;
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has more than 2^31 elements");
            }
        }
    }

    /**
     * Returns the shape with the given dimensions.
     *
     * @param dims outermost first
     * @return the shape
     */
    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    /** {@return a copy of the dimensions} */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** {@return the number of dimensions} */
    public int rank() {
        return dims.length;
    }

    /**
     * Returns one dimension.
     *
     * @param axis 0 for the outermost
     * @return its extent
     */
    public int dim(int axis) {
        return dims[axis];
    }

    /** {@return the number of elements: the product of the dimensions (1 for a scalar)} */
    public int size() {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    /** Compares the dimensions. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** {@return the dimensions as {@code [1, 28, 28]}} */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
