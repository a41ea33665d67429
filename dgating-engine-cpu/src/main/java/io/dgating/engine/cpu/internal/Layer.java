package io.dgating.engine.cpu.internal;

import java.util.List;

/**
 * One layer of the CPU network. Buffers are owned by the layer and reused across steps; the
 * array a call returns is valid until the next call of the same method.
 */
interface Layer {

    /** {@return values per example leaving the layer} */
    int outputSize();

    /**
     * Runs the layer on {@code n} rows, keeping what backward needs.
     *
     * @param x input, {@code [n, inputSize]} (may be longer)
     * @param n rows
     * @param training whether dropout is active
     * @return output, {@code [n, outputSize]} (may be longer)
     */
    float[] forward(float[] x, int n, boolean training);

    /**
     * Writes parameter gradients (of the data loss) and returns the input gradient.
     *
     * @param dy gradient w.r.t. the output of the last forward
     * @param n rows
     * @param needInputGrad false for the first layer, which saves a product
     * @return gradient w.r.t. the input, or null when not needed
     */
    float[] backward(float[] dy, int n, boolean needInputGrad);

    /** {@return the trainable parameters} */
    List<Param> params();

    /** {@return the tensors a forward pass in training mode updates besides its output (batch-norm running statistics)} */
    default List<Param> buffers() {
        return List.of();
    }

    /**
     * Runs a layer of several inputs (a join); single-input layers take the one.
     *
     * @param xs inputs, each {@code [n, inputSize]}
     * @param n rows
     * @param training whether dropout and batch statistics are active
     * @return output
     */
    default float[] forward(float[][] xs, int n, boolean training) {
        return forward(xs[0], n, training);
    }

    /**
     * Returns the gradient w.r.t. every input (null entries when not needed).
     *
     * @param dy gradient w.r.t. the output
     * @param n rows
     * @param needInputGrad whether any input needs its gradient
     * @return one gradient per input
     */
    default float[][] backwardAll(float[] dy, int n, boolean needInputGrad) {
        return new float[][] {backward(dy, n, needInputGrad)};
    }
}
