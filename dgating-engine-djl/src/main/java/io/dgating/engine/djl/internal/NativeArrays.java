package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.FloatBuffer;

/**
 * The one way Java data enters PyTorch in this engine: copied into memory that PyTorch allocates
 * and owns. DJL's {@code NDManager.create(float[])} returns a view of a Java direct buffer
 * ({@code from_blob}) that the garbage collector frees once the DJL array is closed and
 * unreachable, whether or not an autograd node still holds the tensor; a copy is reference counted
 * by PyTorch like any other tensor, so no array of this engine can outlive its memory. The copy
 * costs one pass over each batch, small beside the matrix products.
 */
final class NativeArrays {

    private NativeArrays() {
    }

    /**
     * Copies {@code data}'s remaining floats into a new PyTorch-owned array.
     *
     * @param manager the owner of the new array
     * @param data the values, row-major; its remaining count must equal the shape's size
     * @param shape the shape
     * @return the array, attached to {@code manager} (and to the active scope, if any)
     */
    static NDArray copyOf(NDManager manager, FloatBuffer data, Shape shape) {
        try (NDArray javaBacked = manager.create(data, shape)) {
            return javaBacked.duplicate();
        }
    }

    /**
     * Copies {@code data} into a new PyTorch-owned array.
     *
     * @param manager the owner of the new array
     * @param data the values, row-major
     * @param shape the shape, of size {@code data.length}
     * @return the array
     */
    static NDArray copyOf(NDManager manager, float[] data, Shape shape) {
        return copyOf(manager, FloatBuffer.wrap(data), shape);
    }
}
