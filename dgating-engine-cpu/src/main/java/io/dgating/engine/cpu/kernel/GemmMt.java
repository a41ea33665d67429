package io.dgating.engine.cpu.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Multi-threaded matrix product over a {@link TileKernel}: the output is split into disjoint
 * row tiles or column tiles (whichever re-reads the smaller operand) that run on an
 * injected, bounded {@link ForkJoinPool}.
 * Because each element's k-sum order does not depend on the tiling, results are
 * bit-identical to the same kernel run on one thread. Exceptions in a task propagate to the caller.
 *
 * <p>Also offers the transposed products a dense layer needs, by packing the transposed
 * operand into a scratch buffer first (O(mk) copying against O(mnk) arithmetic).
 */
public final class GemmMt {

    private final ForkJoinPool pool;
    private final TileKernel kernel;
    private final Workers workers;
    private final GemmMt onCallingThread;

    /**
     * Creates the product over a pool owned by the caller, with the JVM's preferred kernel.
     *
     * @param pool the worker pool (not closed here)
     */
    public GemmMt(ForkJoinPool pool) {
        this(pool, TileKernels.preferred());
    }

    /**
     * Creates the product over a pool owned by the caller.
     *
     * @param pool the worker pool (not closed here)
     * @param kernel the tile kernel
     */
    public GemmMt(ForkJoinPool pool, TileKernel kernel) {
        this.pool = java.util.Objects.requireNonNull(pool, "pool");
        this.kernel = kernel;
        this.workers = new Workers(pool);
        this.onCallingThread = new GemmMt(kernel);
    }

    /** The products of {@link #onCallingThread()}: no pool, so every product and loop stays on the caller. */
    private GemmMt(TileKernel kernel) {
        this.pool = null;
        this.kernel = kernel;
        this.workers = new Workers(null);
        this.onCallingThread = this;
    }

    /**
     * Returns the same products and loops run entirely on the calling thread, for work that is
     * already split over the pool at a coarser grain (a convolution's image chunks).
     */
    public GemmMt onCallingThread() {
        return onCallingThread;
    }

    /** Returns the data-parallel loops over the same pool, for the layers' element loops. */
    public Workers workers() {
        return workers;
    }

    /** Returns the tile kernel in use. */
    public TileKernel kernel() {
        return kernel;
    }

    /** Returns the pool's parallelism. */
    public int parallelism() {
        return workers.parallelism();
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
        multiply(m, n, k, a, b, 0, c, 0);
    }

    /** As {@link #multiply(int, int, int, float[], float[], float[])} with B and C at offsets (one scratch array may hold both). */
    private void multiply(int m, int n, int k, float[] a, float[] b, int bOff, float[] c, int cOff) {
        Gemm.check(m, n, k, a, 0, k, b, bOff, n, c, cOff, n);
        if ((long) m * n * k < KernelConstants.PARALLEL_THRESHOLD || parallelism() == 1) {
            kernel.multiplyTile(0, m, 0, n, k, a, 0, k, b, bOff, n, c, cOff, n);
            return;
        }
        // Split the output along the dimension whose operand is smaller: row tiles each read
        // all of B, column tiles each read all of A. Reading the larger one once keeps it
        // streaming through cache once instead of once per task.
        int tasks = 2 * parallelism();
        List<Tile> tiles = new ArrayList<>();
        if (m >= n) {
            int grain = Math.max(KernelConstants.MIN_ROWS_PER_TASK, ceilDiv(m, tasks));
            for (int r = 0; r < m; r += grain) {
                tiles.add(new Tile(kernel, r, Math.min(m, r + grain), 0, n, n, k, a, b, bOff, c, cOff));
            }
        } else {
            int align = kernel.columnMultiple();
            int grain = Math.max(align, ceilDiv(ceilDiv(n, tasks), align) * align);
            for (int j = 0; j < n; j += grain) {
                tiles.add(new Tile(kernel, 0, m, j, Math.min(n, j + grain), n, k, a, b, bOff, c, cOff));
            }
        }
        pool.invoke(new RecursiveAction() {
            private static final long serialVersionUID = 1L;

            @Override
            protected void compute() {
                invokeAll(tiles);
            }
        });
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
        if ((long) m * k + (long) m * n < (long) n * k) {
            // a small batch against a large weight: C^T = B A^T moves m(k + n) floats instead of nk
            // (a batch of 64 through a 300 x 784 layer: 69 k instead of 235 k). Each element's
            // k-sum is the same chain with the factors swapped, so the bits do not change.
            transpose(a, 0, m, k, scratch);
            int ct = m * k;
            multiply(n, m, k, b, scratch, 0, scratch, ct);
            transpose(scratch, ct, n, m, c);
            return;
        }
        transpose(b, 0, n, k, scratch);
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
        transpose(a, 0, k, m, scratch);
        multiply(m, n, k, scratch, b, c);
    }

    /**
     * Transposes {@code src[rows x cols]} into {@code dst}, split by source rows over the pool when it
     * is large (a layer's weight is transposed every step: on one thread it took about a tenth of an
     * MLP's training step). Pure data movement: the result does not depend on the split.
     */
    private void transpose(float[] src, int srcOff, int rows, int cols, float[] dst) {
        // whole 32-row blocks per part, so no block is split between threads
        int block = 32;
        if (!workers.splits(ceilDiv(rows, block), (long) block * cols)) {
            // on the calling thread without building a loop body (the steady state allocates nothing)
            Gemm.transpose(src, srcOff, rows, cols, dst);
            return;
        }
        workers.forRange(ceilDiv(rows, block), (long) block * cols,
                (from, to) -> Gemm.transposeRows(src, srcOff, rows, cols, dst, from * block, Math.min(rows, to * block)));
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }

    /** One disjoint block of C. */
    private static final class Tile extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient TileKernel kernel;
        private final int r0;
        private final int r1;
        private final int c0;
        private final int c1;
        private final int n;
        private final int k;
        private final transient float[] a;
        private final transient float[] b;
        private final int bOff;
        private final transient float[] c;
        private final int cOff;

        Tile(TileKernel kernel, int r0, int r1, int c0, int c1, int n, int k, float[] a, float[] b, int bOff, float[] c,
                int cOff) {
            this.kernel = kernel;
            this.r0 = r0;
            this.r1 = r1;
            this.c0 = c0;
            this.c1 = c1;
            this.n = n;
            this.k = k;
            this.a = a;
            this.b = b;
            this.bOff = bOff;
            this.c = c;
            this.cOff = cOff;
        }

        @Override
        protected void compute() {
            kernel.multiplyTile(r0, r1, c0, c1, k, a, 0, k, b, bOff, n, c, cOff, n);
        }
    }
}
