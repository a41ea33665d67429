package io.dgating.engine.cpu.kernel;

/**
 * Data-parallel loops on the engine's worker pool, for the layers' own element loops (pooling,
 * im2col, activations, ...), which otherwise run on the calling thread while the pool idles
 * between matrix products. The range is cut into contiguous parts; a body must write disjoint
 * entries for disjoint index ranges and keep each entry's arithmetic order, so a result never
 * depends on the split or the thread count.
 */
public final class Workers {

    /** The work of one contiguous index range. */
    @FunctionalInterface
    public interface Range {
        /**
         * Runs indices {@code [from, to)}.
         *
         * @param from first index
         * @param to end index
         */
        void run(int from, int to);
    }

    private final WorkerPool pool;

    /**
     * Creates the loops over a pool owned by the caller.
     *
     * @param pool the worker pool (not closed here); null runs every loop on the calling thread
     */
    public Workers(WorkerPool pool) {
        this.pool = pool;
    }

    /** {@return the pool's parallelism} */
    public int parallelism() {
        return pool == null ? 1 : pool.parallelism();
    }

    /**
     * Runs {@code body} over {@code [0, count)}, split over the pool when the loop is large enough to
     * pay for the hand-off ({@link KernelConstants#PARALLEL_LOOP_THRESHOLD}).
     *
     * @param count number of indices
     * @param costPerIndex rough work of one index, in element operations (decides whether to split)
     * @param body the loop body
     */
    public void forRange(int count, long costPerIndex, Range body) {
        if (!splits(count, costPerIndex)) {
            body.run(0, count);
            return;
        }
        int threads = parallelism();
        int parts = (int) Math.min(
                threads, Math.min(count, (long) count * costPerIndex / (KernelConstants.PARALLEL_LOOP_THRESHOLD / 2)));
        int grain = (count + parts - 1) / parts;
        pool.run((count + grain - 1) / grain, p -> body.run(p * grain, Math.min(count, (p + 1) * grain)));
    }

    /**
     * Returns whether {@link #forRange} would split this loop over the pool. Callers whose loop body
     * is built per call (a capturing lambda) check it first, so a loop on the calling thread
     * allocates nothing; layers instead keep their bodies in fields.
     *
     * @param count number of indices
     * @param costPerIndex rough work of one index, in element operations
     * @return true if the loop is split
     */
    public boolean splits(int count, long costPerIndex) {
        return parallelism() > 1
                && count >= 2
                && (long) count * costPerIndex >= KernelConstants.PARALLEL_LOOP_THRESHOLD;
    }
}
