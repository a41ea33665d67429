package io.dgating.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * How a service sees a model: one row per call, from 1 or more caller threads at once. Each caller
 * thread gets its own {@link RowCaller} (its own buffers), warms up, waits for the others, then
 * times its calls one by one; throughput is all rows over the wall time from the common start to
 * the last caller's end.
 *
 * @param warmup untimed calls per caller
 * @param calls timed calls per caller
 * @param callers caller thread counts, each measured in turn
 */
public record SingleRowBenchmark(int warmup, int calls, List<Integer> callers) {

    /** One row in, the model run, its outputs consumed. */
    @FunctionalInterface
    public interface RowCaller extends AutoCloseable {
        /**
         * Runs the model on one raw row.
         *
         * @param row the features as a caller sends them
         */
        void call(float[] row);

        /** Releases the caller's buffers (none by default). */
        @Override
        default void close() {}
    }

    /**
     * What one way of calling achieved with one number of caller threads.
     *
     * @param label the way of calling, e.g. {@code onnxruntime} or {@code CompactPredictor}
     * @param callers caller threads
     * @param latency per-call latency over every caller's timed calls (its {@code threads}: the caller threads)
     * @param rowsPerSecond rows per second of all callers together
     */
    public record Stats(String label, int callers, LatencyStats latency, double rowsPerSecond) {}

    /**
     * Validates.
     *
     * @param warmup untimed calls per caller
     * @param calls timed calls per caller
     * @param callers caller thread counts, each measured in turn
     */
    public SingleRowBenchmark {
        callers = List.copyOf(callers);
        if (warmup < 0 || calls < 1 || callers.isEmpty() || callers.stream().anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("need warmup >= 0, calls >= 1 and caller counts >= 1, got " + warmup
                    + ", " + calls + " and " + callers);
        }
    }

    /**
     * Measures one way of calling at every caller count.
     *
     * @param label names the way of calling in the report
     * @param width raw features per row
     * @param newCaller makes one caller's state; called once per caller thread, on that thread
     * @return one entry per caller count
     */
    public List<Stats> run(String label, int width, Supplier<RowCaller> newCaller) {
        List<Stats> out = new ArrayList<>();
        for (int threads : callers) {
            out.add(measure(label, width, threads, newCaller));
        }
        return out;
    }

    private Stats measure(String label, int width, int threads, Supplier<RowCaller> newCaller) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<long[]>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                float[] row = random(width, t);
                parts.add(pool.submit(() -> {
                    try (RowCaller caller = newCaller.get()) {
                        for (int i = 0; i < warmup; i++) {
                            caller.call(row);
                        }
                        ready.countDown();
                        go.await();
                        long[] nanos = new long[calls];
                        for (int i = 0; i < calls; i++) {
                            long start = System.nanoTime();
                            caller.call(row);
                            nanos[i] = System.nanoTime() - start;
                        }
                        return nanos;
                    }
                }));
            }
            ready.await();
            long start = System.nanoTime();
            go.countDown();
            long[] all = new long[threads * calls];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(parts.get(t).get(), 0, all, t * calls, calls);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Stats(label, threads, LatencyStats.of(1, threads, all), all.length / seconds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static float[] random(int width, int seed) {
        Random rnd = new Random(seed);
        float[] row = new float[width];
        for (int i = 0; i < width; i++) {
            row[i] = (float) rnd.nextGaussian();
        }
        return row;
    }
}
