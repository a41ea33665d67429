package io.dgating.engine.cpu.internal;

import java.util.List;

/**
 * One layer of the CPU network. Buffers are owned by the layer and reused across steps; the
 * array a call returns is valid until the next call of the same method.
 */
interface Layer {

    /** Returns values per example leaving the layer. */
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

    /** Returns the trainable parameters. */
    List<Param> params();
}
