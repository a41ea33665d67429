package io.dgating.engine.cpu.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Multi-threaded {@link Gemm}: the output is split recursively into disjoint row tiles (or
 * column tiles when C has few rows) that run on an injected, bounded {@link ForkJoinPool}.
 * Because each element's k-sum order does not depend on the tiling, results are
 * bit-identical to the single-threaded kernel. Exceptions in a task propagate to the caller.
 *
 * <p>Also offers the transposed products a dense layer needs, by packing the transposed
 * operand into a scratch buffer first (O(mk) copying against O(mnk) arithmetic).
 */
public final class GemmMt {

    private final ForkJoinPool pool;

    /**
     * Creates the kernel over a pool owned by the caller.
     *
     * @param pool the worker pool (not closed here)
     */
    public GemmMt(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** Returns the pool's parallelism. */
    public int parallelism() {
        return pool.getParallelism();
    }

    /**
     * Computes {@code C[m x n] = A[m x k] * B[k x n]}, all dense row-major without padding.
     *
     * @param m rows of C
     * @param n columns of C
     * @param k inner dimension
     * @param a A
     * @param b B
     * @param c C (written), must not alias A or B
     */
    public void multiply(int m, int n, int k, float[] a, float[] b, float[] c) {
        Gemm.check(m, n, k, a, 0, k, b, 0, n, c, 0, n);
        if ((long) m * n * k < KernelConstants.PARALLEL_THRESHOLD || pool.getParallelism() == 1) {
            Gemm.multiplyTile(0, m, 0, n, k, a, 0, k, b, 0, n, c, 0, n);
            return;
        }
        int colGrain = Math.max(KernelConstants.COL_BLOCK / 4, ceilDiv(n, 4 * pool.getParallelism()));
        int rowGrain = Math.max(KernelConstants.MIN_ROWS_PER_TASK, ceilDiv(m, 4 * pool.getParallelism()));
        pool.invoke(new Tile(0, m, 0, n, n, k, a, b, c, rowGrain, colGrain));
    }

    /**
     * Computes {@code C[m x n] = A[m x k] * B^T} where {@code B} is stored {@code [n x k]}.
     *
     * @param m rows of C
     * @param n columns of C
     * @param k inner dimension
     * @param a A, {@code [m x k]}
     * @param b B, {@code [n x k]}
     * @param c C (written)
     * @param scratch at least {@code n * k} floats, overwritten
     */
    public void multiplyTransB(int m, int n, int k, float[] a, float[] b, float[] c, float[] scratch) {
        Gemm.transpose(b, 0, n, k, scratch);
        multiply(m, n, k, a, scratch, c);
    }

    /**
     * Computes {@code C[m x n] = A^T * B} where {@code A} is stored {@code [k x m]}.
     *
     * @param m rows of C
     * @param n columns of C
     * @param k inner dimension
     * @param a A, {@code [k x m]}
     * @param b B, {@code [k x n]}
     * @param c C (written)
     * @param scratch at least {@code m * k} floats, overwritten
     */
    public void multiplyTransA(int m, int n, int k, float[] a, float[] b, float[] c, float[] scratch) {
        Gemm.transpose(a, 0, k, m, scratch);
        multiply(m, n, k, scratch, b, c);
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    private static final class Tile extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int r0;
        private final int r1;
        private final int c0;
        private final int c1;
        private final int n;
        private final int k;
        private final transient float[] a;
        private final transient float[] b;
        private final transient float[] c;
        private final int rowGrain;
        private final int colGrain;

        Tile(int r0, int r1, int c0, int c1, int n, int k, float[] a, float[] b, float[] c, int rowGrain, int colGrain) {
            this.r0 = r0;
            this.r1 = r1;
            this.c0 = c0;
            this.c1 = c1;
            this.n = n;
            this.k = k;
            this.a = a;
            this.b = b;
            this.c = c;
            this.rowGrain = rowGrain;
            this.colGrain = colGrain;
        }

        @Override
        protected void compute() {
            int rows = r1 - r0;
            int cols = c1 - c0;
            if (rows > rowGrain) {
                int mid = r0 + rows / 2;
                invokeAll(new Tile(r0, mid, c0, c1, n, k, a, b, c, rowGrain, colGrain),
                        new Tile(mid, r1, c0, c1, n, k, a, b, c, rowGrain, colGrain));
            } else if (cols > colGrain && rows < 2 * KernelConstants.MIN_ROWS_PER_TASK) {
                int mid = c0 + cols / 2;
                invokeAll(new Tile(r0, r1, c0, mid, n, k, a, b, c, rowGrain, colGrain),
                        new Tile(r0, r1, mid, c1, n, k, a, b, c, rowGrain, colGrain));
            } else {
                Gemm.multiplyTile(r0, r1, c0, c1, k, a, 0, k, b, 0, n, c, 0, n);
            }
        }
    }
}
