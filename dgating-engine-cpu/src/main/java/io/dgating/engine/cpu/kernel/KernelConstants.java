package io.dgating.engine.cpu.kernel;

/** Block sizes and thresholds of the kernels, in one place so they can be tuned together. */
public final class KernelConstants {

    /**
     * Columns of C (and B) per tile: 256 floats = 1 KiB, so the C row segment being updated
     * stays in L1 while the k loop runs.
     */
    public static final int COL_BLOCK = 256;

    /** Depth (k) per tile: with {@link #COL_BLOCK} a 256 KiB panel of B that stays in L2. */
    public static final int DEPTH_BLOCK = 256;

    /**
     * Column multiple of a threaded product's tiles for kernels that do not name their own
     * ({@link TileKernel#columnMultiple()}): the scalar kernel's JIT-vectorised rows.
     */
    public static final int COL_ALIGN = 8;

    /**
     * Rows of C up to which the SIMD kernel reads full strips of B in place instead of packing them:
     * a panel read by so few rows costs more to pack than its strided rows cost to read (a
     * 6-filter convolution: 6 x 2352 x 25 products run 2.2x faster, 16 x 400 x 150 about 1.2x).
     */
    public static final int DIRECT_ROWS = 16;

    /** Rows of C below which a task is not split further. */
    public static final int MIN_ROWS_PER_TASK = 16;

    /** Multiply-adds below which a product runs on the calling thread: forking costs more. */
    public static final long PARALLEL_THRESHOLD = 1L << 18;

    /**
     * Element operations from which a layer's loop is split over the pool ({@link Workers}): a
     * hand-off to a parked worker costs some tens of microseconds.
     */
    public static final long PARALLEL_LOOP_THRESHOLD = 1L << 15;

    private KernelConstants() {}
}
