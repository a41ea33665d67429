package io.dgating.engine.cpu.kernel;

import java.util.Objects;

/**
 * Multi-threaded matrix product over a {@link TileKernel}: the output is split into disjoint
 * row tiles or column tiles (whichever re-reads the smaller operand) that run on an
 * injected {@link WorkerPool}.
 * Because each element's k-sum order does not depend on the tiling, results are
 * bit-identical to the same kernel run on one thread. Exceptions in a task propagate to the caller.
 *
 * <p>Also offers the transposed products a dense layer needs, by packing the transposed
 * operand into a scratch buffer first (O(mk) copying against O(mnk) arithmetic).
 */
public final class GemmMt {

    private final WorkerPool pool;
    private final TileKernel kernel;
    private final Workers workers;
    private final GemmMt onCallingThread;

    /**
     * Creates the product over a pool owned by the caller, with the JVM's preferred kernel.
     *
     * @param pool the worker pool (not closed here)
     */
    public GemmMt(WorkerPool pool) {
        this(pool, TileKernels.preferred());
    }

    /**
     * Creates the product over a pool owned by the caller.
     *
     * @param pool the worker pool (not closed here)
     * @param kernel the tile kernel
     */
    public GemmMt(WorkerPool pool, TileKernel kernel) {
        this.pool = Objects.requireNonNull(pool, "pool");
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
     * {@return the same products and loops run entirely on the calling thread, for work that is
     * already split over the pool at a coarser grain (a convolution's image chunks)}
     */
    public GemmMt onCallingThread() {
        return onCallingThread;
    }

    /** {@return the data-parallel loops over the same pool, for the layers' element loops} */
    public Workers workers() {
        return workers;
    }

    /** {@return the tile kernel in use} */
    public TileKernel kernel() {
        return kernel;
    }

    /** {@return the pool's parallelism} */
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
        if (m >= n) {
            int grain = Math.max(KernelConstants.MIN_ROWS_PER_TASK, ceilDiv(m, tasks));
            pool.run(
                    ceilDiv(m, grain),
                    t -> kernel.multiplyTile(
                            t * grain, Math.min(m, (t + 1) * grain), 0, n, k, a, 0, k, b, bOff, n, c, cOff, n));
        } else {
            int align = kernel.columnMultiple();
            int grain = Math.max(align, ceilDiv(ceilDiv(n, tasks), align) * align);
            pool.run(
                    ceilDiv(n, grain),
                    t -> kernel.multiplyTile(
                            0, m, t * grain, Math.min(n, (t + 1) * grain), k, a, 0, k, b, bOff, n, c, cOff, n));
        }
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
        workers.forRange(
                ceilDiv(rows, block),
                (long) block * cols,
                (from, to) ->
                        Gemm.transposeRows(src, srcOff, rows, cols, dst, from * block, Math.min(rows, to * block)));
    }

    private static int ceilDiv(int x, int y) {
        return (x + y - 1) / y;
    }
}
