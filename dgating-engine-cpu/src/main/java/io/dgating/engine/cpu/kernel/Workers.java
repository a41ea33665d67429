package io.dgating.engine.cpu.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

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

    private final ForkJoinPool pool;

    /**
     * Creates the loops over a pool owned by the caller.
     *
     * @param pool the worker pool (not closed here); null runs every loop on the calling thread
     */
    public Workers(ForkJoinPool pool) {
        this.pool = pool;
    }

    /** Returns the pool's parallelism. */
    public int parallelism() {
        return pool == null ? 1 : pool.getParallelism();
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
        int parts = (int) Math.min(threads, Math.min(count,
                (long) count * costPerIndex / (KernelConstants.PARALLEL_LOOP_THRESHOLD / 2)));
        pool.invoke(new Part(body, 0, count, (count + parts - 1) / parts));
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
        return parallelism() > 1 && count >= 2
                && (long) count * costPerIndex >= KernelConstants.PARALLEL_LOOP_THRESHOLD;
    }

    /** A range that halves itself until it is at most {@code grain} long. */
    private static final class Part extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final transient Range body;
        private final int from;
        private final int to;
        private final int grain;

        Part(Range body, int from, int to, int grain) {
            this.body = body;
            this.from = from;
            this.to = to;
            this.grain = grain;
        }

        @Override
        protected void compute() {
            if (to - from <= grain) {
                body.run(from, to);
                return;
            }
            // split on a grain boundary, so the parts are the same whatever order they run in
            int mid = from + Math.max(1, (to - from) / grain / 2) * grain;
            invokeAll(new Part(body, from, mid, grain), new Part(body, mid, to, grain));
        }
    }
}
