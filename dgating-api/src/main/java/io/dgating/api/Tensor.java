package io.dgating.api;

import java.util.Arrays;

/**
 * A dense float32 tensor in row-major order: the engine-neutral form in which trained
 * parameters leave an engine.
 *
 * <p>The record copies its arrays on the way in and on the way out, so a tensor can be
 * shared freely; use {@link #get(int)} or {@link #copyInto(float[], int)} on hot paths.
 *
 * @param shape the extent of every dimension (a scalar has shape {@code []})
 * @param data the values, {@code product(shape)} of them
 */
public record Tensor(int[] shape, float[] data) {

    /**
     * Creates a tensor, checking that the data fits the shape.
     *
     * @param shape the extent of every dimension (a scalar has shape {@code []})
     * @param data the values, {@code product(shape)} of them
     * @throws IllegalArgumentException if a dimension is negative or the sizes differ
     */
    public Tensor {
        shape = shape.clone();
        data = data.clone();
        int size = new Shape(shape).size(); // checks the dimensions
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
        }
    }

    /**
     * Returns a tensor of the given shape filled with zeros.
     *
     * @param shape the dimensions
     * @return a new zero tensor
     */
    public static Tensor zeros(int... shape) {
        long size = 1;
        for (int d : shape) {
            size *= d;
        }
        return new Tensor(shape, new float[Math.toIntExact(size)]);
    }

    /** {@return a copy of the shape} */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** {@return a copy of the values} */
    @Override
    public float[] data() {
        return data.clone();
    }

    /**
     * Returns the extent of dimension {@code axis}.
     *
     * @param axis the dimension index
     * @return its size
     */
    public int dim(int axis) {
        return shape[axis];
    }

    /** {@return the number of dimensions} */
    public int rank() {
        return shape.length;
    }

    /** {@return the number of values} */
    public int size() {
        return data.length;
    }

    /**
     * Returns the value at flat (row-major) index {@code i}.
     *
     * @param i the flat index
     * @return the value
     */
    public float get(int i) {
        return data[i];
    }

    /**
     * Copies all values into {@code dst} starting at {@code offset}.
     *
     * @param dst the destination
     * @param offset where the first value goes
     */
    public void copyInto(float[] dst, int offset) {
        System.arraycopy(data, 0, dst, offset, data.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
