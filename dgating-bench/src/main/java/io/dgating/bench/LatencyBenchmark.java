package io.dgating.bench;

import io.dgating.runtime.Columns;
import io.dgating.runtime.OrtModel;
import io.dgating.runtime.PreparedCall;
import io.dgating.runtime.Provider;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Times a dense and a compact model on the same rows. For each batch size both are warmed
 * up, then called alternately (A B B A ...) so that drift of the machine (frequency, other
 * load) hits both equally; each call is timed on its own and summarised as median, p90, p99.
 * Inputs are prepared outside the timed region and every call reuses its input and output
 * buffers ({@link PreparedCall}), as a service would: the timing holds the model and ONNX
 * Runtime's per-call work, not tensor allocation. The compact model gets the kept columns of the
 * same rows.
 *
 * @param batches batch sizes
 * @param warmup untimed calls per model and batch size
 * @param calls timed calls per model and batch size
 * @param threadsBatchOne intra-op threads for batch 1 (latency: 1 is usual for services)
 * @param threadsLarge intra-op threads for larger batches (throughput: all cores)
 * @param provider requested execution provider
 * @serial exclude (serializable only to travel with an experiment's units)
 */
public record LatencyBenchmark(
        List<Integer> batches, int warmup, int calls, int threadsBatchOne, int threadsLarge, Provider provider)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Validates.
     *
     * @param batches batch sizes
     * @param warmup untimed calls per model and batch size
     * @param calls timed calls per model and batch size
     * @param threadsBatchOne intra-op threads for batch 1 (latency: 1 is usual for services)
     * @param threadsLarge intra-op threads for larger batches (throughput: all cores)
     * @param provider requested execution provider
     */
    public LatencyBenchmark {
        batches = List.copyOf(batches);
        if (batches.isEmpty() || batches.stream().anyMatch(b -> b < 1)) {
            throw new IllegalArgumentException("batch sizes must be >= 1, got " + batches);
        }
        if (warmup < 0 || calls < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and calls >= 1, got " + warmup + " and " + calls);
        }
        if (threadsBatchOne < 0 || threadsLarge < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0 (0 = ONNX Runtime default)");
        }
    }

    /**
     * Returns the service defaults: 1 thread at batch 1, all cores above.
     *
     * @param batches batch sizes
     * @param provider requested provider
     * @return the benchmark
     */
    public static LatencyBenchmark defaults(List<Integer> batches, Provider provider) {
        return new LatencyBenchmark(batches, 50, 300, 1, Runtime.getRuntime().availableProcessors(), provider);
    }

    /**
     * Runs the benchmark.
     *
     * @param dense dense ONNX bytes (all features as input)
     * @param compact compact ONNX bytes
     * @param keptFeatures columns the compact model takes from a full row (all of them when it takes all features)
     * @param warnings receives provider fallback messages
     * @param progress receives one call per finished batch size
     * @return the result
     */
    public BenchmarkResult run(
            byte[] dense, byte[] compact, int[] keptFeatures, Consumer<String> warnings, Consumer<String> progress) {
        List<BenchmarkResult.Row> rows = new ArrayList<>();
        Provider used = provider;
        for (int batch : batches) {
            int threads = batch == 1 ? threadsBatchOne : threadsLarge;
            try (OrtModel a = OrtModel.load(dense, provider, threads, warnings);
                    OrtModel b = OrtModel.load(compact, provider, threads, warnings)) {
                used = a.provider();
                float[] x = random(batch, a.inputWidth());
                float[] xc =
                        b.inputWidth() == a.inputWidth() ? x : Columns.select(x, batch, a.inputWidth(), keptFeatures);
                try (PreparedCall ca = a.prepare(batch);
                        PreparedCall cb = b.prepare(batch)) {
                    ca.input().put(x).rewind();
                    cb.input().put(xc).rewind();
                    for (int i = 0; i < warmup; i++) {
                        ca.run();
                        cb.run();
                    }
                    long[] na = new long[calls];
                    long[] nb = new long[calls];
                    for (int i = 0; i < calls; i++) {
                        if (i % 2 == 0) {
                            na[i] = time(ca);
                            nb[i] = time(cb);
                        } else {
                            nb[i] = time(cb);
                            na[i] = time(ca);
                        }
                    }
                    rows.add(new BenchmarkResult.Row(
                            LatencyStats.of(batch, threads, na), LatencyStats.of(batch, threads, nb)));
                }
            }
            progress.accept("batch " + batch);
        }
        return new BenchmarkResult(used, GraphStats.of(dense), GraphStats.of(compact), rows);
    }

    private static long time(PreparedCall call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static float[] random(int rows, int cols) {
        Random rnd = new Random(rows * 31L + cols);
        float[] x = new float[rows * cols];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }
}
