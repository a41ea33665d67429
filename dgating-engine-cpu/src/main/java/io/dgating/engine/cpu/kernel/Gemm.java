package io.dgating.engine.cpu.kernel;

import java.util.Arrays;

/**
 * Single-threaded, cache-blocked {@code C = A * B} for row-major float32 matrices with the
 * scalar tile kernel (the reference the SIMD kernel is tested against), plus shape checks and
 * a blocked transpose shared by all kernels.
 *
 * <p>Scalar kernel: loop order i-k-j inside (k, j) tiles: for every row of C and every k of a depth tile the
 * row segment of C gets {@code a_ik * B[k, j-tile]} added; that inner loop walks B and C with
 * unit stride, which the JIT vectorises. The first depth tile overwrites C, later ones add.
 * Each C element is summed over k in ascending order, independent of the tiling, so any
 * split of the output into tiles gives bit-identical results. Only C is modified; C must not
 * overlap A or B.
 */
public final class Gemm {

    private Gemm() {}

    /**
     * Computes {@code C[m x n] = A[m x k] * B[k x n]}.
     *
     * @param m rows of A and C
     * @param n columns of B and C
     * @param k columns of A, rows of B
     * @param a A values, row {@code i} starting at {@code aOff + i * lda}
     * @param aOff offset of A
     * @param lda row stride of A
     * @param b B values
     * @param bOff offset of B
     * @param ldb row stride of B
     * @param c C values (written)
     * @param cOff offset of C
     * @param ldc row stride of C
     */
    public static void multiply(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        check(m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        ScalarTileKernel.INSTANCE.multiplyTile(0, m, 0, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    }

    /**
     * Writes the transpose of {@code src[rows x cols]} (row stride {@code cols}) into
     * {@code dst[cols x rows]}, in square blocks so both sides stay in cache.
     *
     * @param src source values
     * @param srcOff offset of src
     * @param rows rows of src
     * @param cols columns of src
     * @param dst destination (written), must not alias src
     */
    public static void transpose(float[] src, int srcOff, int rows, int cols, float[] dst) {
        transposeRows(src, srcOff, rows, cols, dst, 0, rows);
    }

    /**
     * Writes the part of {@link #transpose}'s result that source rows {@code [from, to)} give:
     * disjoint row ranges write disjoint entries, so ranges can run on different threads.
     *
     * @param src source values
     * @param srcOff offset of src
     * @param rows rows of src
     * @param cols columns of src
     * @param dst destination (written), must not alias src
     * @param from first source row
     * @param to end of the source rows
     */
    public static void transposeRows(float[] src, int srcOff, int rows, int cols, float[] dst, int from, int to) {
        if (src == dst) {
            throw new IllegalArgumentException("transpose cannot work in place");
        }
        final int block = 32;
        for (int i0 = from; i0 < to; i0 += block) {
            int i1 = Math.min(i0 + block, to);
            for (int j0 = 0; j0 < cols; j0 += block) {
                int j1 = Math.min(j0 + block, cols);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        dst[j * rows + i] = src[srcOff + i * cols + j];
                    }
                }
            }
        }
    }

    /** An empty sum: with k = 0 every kernel writes zeros. */
    static void zeroTile(int r0, int r1, int c0, int c1, float[] c, int cOff, int ldc) {
        for (int i = r0; i < r1; i++) {
            Arrays.fill(c, cOff + i * ldc + c0, cOff + i * ldc + c1, 0f);
        }
    }

    static void check(
            int m,
            int n,
            int k,
            float[] a,
            int aOff,
            int lda,
            float[] b,
            int bOff,
            int ldb,
            float[] c,
            int cOff,
            int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size m=" + m + " n=" + n + " k=" + k);
        }
        if (overlaps(c, cOff, m, ldc, n, a, aOff, m, lda, k) || overlaps(c, cOff, m, ldc, n, b, bOff, k, ldb, n)) {
            throw new IllegalArgumentException("C must not overlap A or B");
        }
        if (lda < k || ldb < n || ldc < n) {
            throw new IllegalArgumentException("leading dimension too small: lda=" + lda + " (k=" + k + "), ldb=" + ldb
                    + ", ldc=" + ldc + " (n=" + n + ")");
        }
        need(a, aOff, m, lda, k, "A");
        need(b, bOff, k, ldb, n, "B");
        need(c, cOff, m, ldc, n, "C");
    }

    /** Whether two row-major regions of the same array share an entry (their spans, conservatively). */
    private static boolean overlaps(
            float[] x, int xOff, int xRows, int xLd, int xCols, float[] y, int yOff, int yRows, int yLd, int yCols) {
        if (x != y || xRows == 0 || xCols == 0 || yRows == 0 || yCols == 0) {
            return false;
        }
        long xEnd = xOff + (long) (xRows - 1) * xLd + xCols;
        long yEnd = yOff + (long) (yRows - 1) * yLd + yCols;
        return xOff < yEnd && yOff < xEnd;
    }

    private static void need(float[] x, int off, int rows, int ld, int cols, String name) {
        if (rows == 0 || cols == 0) {
            return;
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException(name + " has " + x.length + " values, needs " + last);
        }
    }
}
