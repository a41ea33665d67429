package io.dgating.engine.cpu;

import io.dgating.api.ParameterSet;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingLoop;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.internal.CpuTrainableNetwork;
import io.dgating.engine.cpu.internal.Network;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.WorkerPool;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pure-Java float32 engine. Owns a {@link WorkerPool} of {@link EngineConfig#effectiveThreads()}
 * threads (the caller included), stopped by {@link #close()}. {@link #train} and {@link #predict} may run
 * concurrently from several threads: each call builds its own network.
 */
public final class CpuEngine implements Engine {

    /** The engine's name. */
    public static final String NAME = "cpu";

    private final WorkerPool pool;
    private final GemmMt gemm;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the engine and its worker pool.
     *
     * @param config engine settings; a {@code gpu} device is refused
     */
    public CpuEngine(EngineConfig config) {
        if (config.device().equals("gpu")) {
            throw new IllegalArgumentException("the cpu engine has no GPU device; use --device auto or cpu");
        }
        this.pool = new WorkerPool(config.effectiveThreads());
        this.gemm = new GemmMt(pool);
    }

    /** {@inheritDoc} */
    @Override
    public String name() {
        return NAME;
    }

    /** {@return the name of the matrix kernel in use ({@code scalar} or {@code simd-<bits>})} */
    public String kernel() {
        return gemm.kernel().name();
    }

    /** {@return the number of worker threads} */
    public int threads() {
        return pool.parallelism();
    }

    /** {@inheritDoc} */
    @Override
    public String describe() {
        return "cpu, " + pool.parallelism() + " threads, " + gemm.kernel().name() + " kernel";
    }

    /**
     * {@inheritDoc}
     *
     * <p>One thread per worker of the pool, all running the kernel's multiply-add loop at once (the
     * cores share power and, with simultaneous multithreading, execution units).
     */
    @Override
    public OptionalDouble peakGflops(long millis) {
        int n = pool.parallelism();
        double[] each = new double[n];
        Thread[] threads = new Thread[n];
        for (int t = 0; t < n; t++) {
            int slot = t;
            threads[t] = new Thread(
                    () -> each[slot] = gemm.kernel().peakFlopsPerSecond(millis * 1_000_000L), "dgating-peak-" + t);
            threads[t].start();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Arrays.stream(each).sum() / 1e9);
    }

    /** {@inheritDoc} */
    @Override
    public TrainingResult train(TrainingRequest request) {
        ensureOpen();
        checkSupports(request.model());
        return TrainingLoop.run(
                request,
                start -> new CpuTrainableNetwork(request, start, gemm),
                Map.of(
                        "engine", NAME,
                        "device", "cpu",
                        "threads", Integer.toString(pool.parallelism()),
                        "kernel", gemm.kernel().name(),
                        "java.version", System.getProperty("java.version"),
                        "os.name", System.getProperty("os.name"),
                        "os.arch", System.getProperty("os.arch")));
    }

    /** {@inheritDoc} */
    @Override
    public Set<LayerKind> layerKinds() {
        return Network.LAYER_KINDS;
    }

    /** Rows per forward pass of {@link #predict}, as the evaluator uses. */
    private static final int PREDICT_BATCH = 1024;

    /** {@inheritDoc} */
    @Override
    public float[] predict(ModelSpec model, ParameterSet plainParameters, float[] features, int rows) {
        ensureOpen();
        checkSupports(model);
        if ((long) rows * model.inputSize() != features.length) {
            throw new IllegalArgumentException(rows + " rows of " + model.inputSize() + " features need "
                    + (long) rows * model.inputSize() + " values, got " + features.length);
        }
        Network net = new Network(model, GatingConfig.none(), plainParameters, gemm, 0L);
        // in batches: a convolutional network's activations for a whole test set would not fit the heap
        int cols = model.inputSize();
        int outputs = model.outputSize();
        float[] result = new float[rows * outputs];
        float[] x = new float[Math.min(PREDICT_BATCH, rows) * cols];
        for (int start = 0; start < rows; start += PREDICT_BATCH) {
            int b = Math.min(PREDICT_BATCH, rows - start);
            System.arraycopy(features, start * cols, x, 0, b * cols);
            System.arraycopy(net.forward(x, b, false), 0, result, start * outputs, b * outputs);
        }
        return result;
    }

    /** Stops the worker pool; idempotent. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        pool.close();
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the cpu engine is closed");
        }
    }
}
