package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The one way Java data enters PyTorch in this engine: copied into memory that PyTorch allocates
 * and owns, through one direct staging buffer that this object keeps and reuses.
 *
 * <p>DJL's {@code NDManager.create(float[])} instead returns a view ({@code from_blob}) of a new
 * Java direct buffer, freed by the garbage collector whenever it runs, not when PyTorch is done
 * with it: autograd nodes that saved the view read freed memory. Here the view exists only while
 * PyTorch copies it, over a buffer that lives as long as this object, so a step leaves no
 * direct buffer behind for the collector.
 * Not thread-safe: one per network or call.
 */
final class NativeArrays {

    private ByteBuffer staging = ByteBuffer.allocateDirect(0);

    /**
     * Copies {@code length} floats of {@code data} from {@code offset} into a new PyTorch-owned array.
     *
     * @param manager the owner of the new array
     * @param data the values, row-major
     * @param offset index of the first value
     * @param length number of values, the shape's size
     * @param shape the shape
     * @return the array, attached to {@code manager} (and to the active scope, if any)
     */
    NDArray copyOf(NDManager manager, float[] data, int offset, int length, Shape shape) {
        int bytes = Math.multiplyExact(length, Float.BYTES);
        if (staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect(Math.max(bytes, 2 * staging.capacity()));
        }
        // a slice at index 0: from_blob takes the buffer's address, not its position
        ByteBuffer exact = staging.duplicate().clear().limit(bytes).slice().order(ByteOrder.nativeOrder());
        exact.asFloatBuffer().put(data, offset, length);
        try (NDArray view = manager.create(exact, shape, DataType.FLOAT32)) {
            return view.duplicate();
        }
    }

    /**
     * Copies all of {@code data} into a new PyTorch-owned array.
     *
     * @param manager the owner of the new array
     * @param data the values, row-major
     * @param shape the shape, of size {@code data.length}
     * @return the array
     */
    NDArray copyOf(NDManager manager, float[] data, Shape shape) {
        return copyOf(manager, data, 0, data.length, shape);
    }
}
