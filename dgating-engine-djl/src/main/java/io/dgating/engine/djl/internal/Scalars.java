package io.dgating.engine.djl.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar operands as tensors that PyTorch owns. Never pass a Java number to an {@link NDArray}
 * operation in this engine ({@code mul(Number)}, {@code div(Number)}, ...): DJL wraps the number in
 * a tensor over a Java direct buffer and closes that tensor as soon as the operation returns, but
 * autograd keeps the storage for the backward pass (the factor of a {@code mul}, the divisor of a
 * {@code div}) without owning it. A garbage collection between forward and backward then frees the
 * buffer and backward reads whatever the allocator put there: that was the DJL engine's random
 * divergence. A tensor from {@code full} is allocated by PyTorch and reference counted by every
 * graph node that saves it. {@code ArchitectureTest} forbids the {@code Number} overloads.
 */
final class Scalars {

    private Scalars() {}

    /**
     * Returns a 0-d tensor of {@code value} with {@code like}'s data type, on its device, in its manager.
     *
     * @param like the tensor the scalar will be combined with
     * @param value the scalar
     * @return a PyTorch-owned scalar tensor
     */
    static NDArray of(NDArray like, double value) {
        return like.getManager().full(new Shape(), (float) value, like.getDataType());
    }
}
