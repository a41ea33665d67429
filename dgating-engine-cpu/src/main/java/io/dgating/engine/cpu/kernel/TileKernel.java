package io.dgating.engine.cpu.kernel;

/**
 * Computes one rectangular tile of {@code C = A * B} (row-major, explicit offsets and leading
 * dimensions). Implementations fix, for every element, the order in which its k-sum is
 * formed, independent of the tile bounds, so that any split of C into tiles (and so any
 * thread count) gives bit-identical results with the same kernel.
 */
public interface TileKernel {

    /** {@return a short name for logs and provenance, e.g. {@code scalar} or {@code simd-512}} */
    String name();

    /**
     * Runs this kernel's multiply-add instruction on register operands only (twelve independent
     * chains, enough to hide the instruction's latency) for about {@code nanos} on the calling
     * thread: the ceiling any product of this kernel can reach on one core.
     *
     * @param nanos how long to run
     * @return floating-point operations per second (2 per multiply-add)
     */
    double peakFlopsPerSecond(long nanos);

    /**
     * Returns the column multiple threaded products align their column tiles to: the width this
     * kernel computes without a partial block. Aligning to more than that leaves the last tile short
     * (300 columns in tiles of 32: 96, 96, 96 and 12, so one of two threads did 192 and the other 108).
     *
     * @return columns, at least 1
     */
    default int columnMultiple() {
        return KernelConstants.COL_ALIGN;
    }

    /**
     * Writes rows {@code [r0, r1)} and columns {@code [c0, c1)} of {@code C = A[m x k] * B[k x n]};
     * unchecked: callers check shapes first.
     *
     * @param r0 first row
     * @param r1 row bound
     * @param c0 first column
     * @param c1 column bound
     * @param k inner dimension
     * @param a A
     * @param aOff offset of A
     * @param lda row stride of A
     * @param b B
     * @param bOff offset of B
     * @param ldb row stride of B
     * @param c C (written)
     * @param cOff offset of C
     * @param ldc row stride of C
     */
    void multiplyTile(
            int r0,
            int r1,
            int c0,
            int c1,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc);
}
