package io.dgating.engine.cpu.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.engine.cpu.SyntheticData;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.WorkerPool;
import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A training step in steady state makes no garbage that grows with the model or the batch: every
 * activation, gradient, packed operand and optimizer buffer is allocated once and reused. Counted
 * with the JVM's per-thread allocation counters over all threads (the worker pool's included).
 * On one thread nothing at all is allocated; on two, only the region records and loop bodies that split each
 * large product (about 2 KB a step for this network), so the bytes per step must not depend on
 * the batch size.
 */
class SteadyStateAllocationTest {

    static final int FEATURES = 200;
    static final int WARMUP = 1500;
    static final int STEPS = 100;

    @ParameterizedTest(name = "{0} thread(s), D = {1}")
    @CsvSource({"1, 0", "1, 3", "2, 3"})
    void stepsAllocateNothingThatScalesWithTheWork(int threads, int depth) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(mx.isThreadAllocatedMemorySupported(), "this JVM does not count allocated bytes per thread");
        mx.setThreadAllocatedMemoryEnabled(true);
        // only this thread and the pool's workers are counted: the test JVM's other threads
        // (the build tool's fork pings, cleaners) allocate on their own schedule
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        ids.add(Thread.currentThread().getId());
        WorkerPool pool = new WorkerPool(threads, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            ids.add(t.getId());
            return t;
        });
        try {
            // both sizes split every large product over the pool (above the parallel threshold)
            double small = bytesPerStep(mx, ids, pool, depth, 128);
            double large = bytesPerStep(mx, ids, pool, depth, 256);
            if (threads == 1) {
                // slack for the counter's own reading (a few hundred bytes, spread over the steps)
                assertTrue(
                        small < 32 && large < 32,
                        "a single-threaded step allocates " + small + " bytes at 128 rows, " + large + " at 256");
            } else {
                assertTrue(large < 4096, "a two-threaded step allocates " + large + " bytes");
            }
            assertTrue(
                    large <= small + 256,
                    "bytes per step grow with the batch: " + small + " at 128 rows, " + large + " at 256");
        } finally {
            pool.close();
        }
    }

    private static double bytesPerStep(
            com.sun.management.ThreadMXBean mx, Set<Long> ids, WorkerPool pool, int depth, int batch) {
        ModelSpec model = ModelSpec.builder(FEATURES)
                .dense(64, Activation.RELU)
                .dense(32, Activation.TANH)
                .dense(2, Activation.IDENTITY)
                .build();
        GatingConfig gating = depth == 0
                ? GatingConfig.none()
                : GatingConfig.builder()
                        .depth(depth)
                        .lambda(0.01)
                        .gate("dense1", GroupKind.INPUT_FEATURES)
                        .build();
        DatasetSplits data = SyntheticData.sparseClassification(batch, 1, 1, FEATURES, 5, 3);
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Optimizer.Adam(0.9, 0.999, 1e-8))
                .learningRate(1e-3)
                .epochs(1)
                .batchSize(batch)
                .weightDecay(1e-4)
                .seed(1)
                .build();
        TrainingRequest req = TrainingRequest.of(model, gating, cfg, data);
        CpuTrainableNetwork net =
                new CpuTrainableNetwork(req, ParameterInitializer.initialize(model, gating, 1), new GemmMt(pool));
        float[] x = data.train().features();
        float[] y = data.train().targets();
        for (int i = 0; i < WARMUP; i++) {
            net.lossAndGradients(x, y, batch);
            net.step(1e-3);
        }
        long before = allocated(mx, ids);
        for (int i = 0; i < STEPS; i++) {
            net.lossAndGradients(x, y, batch);
            net.step(1e-3);
        }
        return (allocated(mx, ids) - before) / (double) STEPS;
    }

    private static long allocated(com.sun.management.ThreadMXBean mx, Set<Long> ids) {
        long sum = 0;
        for (long b : mx.getThreadAllocatedBytes(
                ids.stream().mapToLong(Long::longValue).toArray())) {
            sum += Math.max(0, b);
        }
        return sum;
    }
}
