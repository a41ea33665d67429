package io.dgating.engine.djl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.dgating.api.ParameterSet;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.engine.djl.DjlEngine;
import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The regression test of the DJL engine's random divergence: a garbage collection between the
 * forward and the backward pass of a step must not change a single bit of the gradients. With
 * scalars created from Java numbers (DJL's {@code div(Number)}, {@code mul(Number)}) the
 * collection freed the scalars that autograd had saved, the allocator reused their memory, and
 * backward returned gradients scaled by garbage (infinite, here). The test forces that collection
 * deterministically instead of waiting for one to happen at the wrong moment.
 */
class BackwardAfterCollectionIT {

    private static DjlEngine djl;
    private static Engine engine;

    @BeforeAll
    static void start() {
        djl = new DjlEngine(new EngineConfig(1, "cpu")); // starts PyTorch offline, as the product does
        engine = Engine.getEngine("PyTorch");
    }

    @AfterAll
    static void stop() {
        djl.close();
    }

    @ParameterizedTest(name = "classification {0}")
    @ValueSource(booleans = {true, false})
    void aCollectionBetweenForwardAndBackwardChangesNoGradientBit(boolean classification) throws Exception {
        Map<String, float[]> quiet = gradients(classification, false);
        Map<String, float[]> collected = gradients(classification, true);
        for (var e : quiet.entrySet()) {
            boolean anyNonZero = false;
            for (float v : e.getValue()) {
                anyNonZero |= v != 0;
            }
            assertTrue(anyNonZero, e.getKey() + " has a gradient");
            assertArrayEquals(e.getValue(), collected.get(e.getKey()), e.getKey());
        }
    }

    private static Map<String, float[]> gradients(boolean classification, boolean collectBetween) throws Exception {
        ModelSpec model = ModelSpec.builder(10)
                .dense(8, Activation.TANH)
                .dense(classification ? 3 : 1, Activation.IDENTITY)
                .head(classification ? Head.SOFTMAX_CROSS_ENTROPY : Head.SQUARED_ERROR)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.05)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        ParameterSet init = ParameterInitializer.initialize(model, gating, 5);
        int b = 16;
        Random rnd = new Random(9);
        float[] x = new float[b * 10];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        float[] y = new float[classification ? b * 3 : b];
        for (int r = 0; r < b; r++) {
            if (classification) {
                y[r * 3 + rnd.nextInt(3)] = 1f;
            } else {
                y[r] = (float) rnd.nextGaussian();
            }
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        try (GradMode noGrad = GradMode.off();
                NDManager manager = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            DjlNetwork net = new DjlNetwork(model, gating, init, manager, true);
            try (NDScope scope = new NDScope();
                    NDManager step = manager.newSubManager()) {
                NDArray xs = step.create(x, new Shape(b, 10));
                NDArray ys = step.create(y, classification ? new Shape(b, 3) : new Shape(b, 1));
                net.zeroGradients();
                List<ByteBuffer> reuse = List.of();
                try (GradientCollector gc = engine.newGradientCollector()) {
                    Objective objective = Objective.of(net, xs, ys, classification, 1e-3);
                    if (collectBetween) {
                        reuse = collectAndRefill();
                    }
                    gc.backward(objective.total());
                }
                Reference.reachabilityFence(reuse);
                for (var e : net.params().entrySet()) {
                    out.put(e.getKey(), e.getValue().getGradient().toFloatArray());
                }
            }
        }
        return out;
    }

    /**
     * Collects until a dropped direct buffer's cleaner has run (so every unreachable direct
     * buffer is freed), then allocates many small direct buffers holding 1e30, so that freed
     * small chunks are handed out again with other contents. Returns them to keep them alive.
     */
    private static List<ByteBuffer> collectAndRefill() throws InterruptedException {
        ReferenceQueue<ByteBuffer> queue = new ReferenceQueue<>();
        PhantomReference<ByteBuffer> canary = new PhantomReference<>(ByteBuffer.allocateDirect(4), queue);
        for (int i = 0; i < 100 && queue.poll() == null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(canary.refersTo(null), "the collector ran");
        Thread.sleep(50); // the reference handler runs cleaners before it enqueues; give it slack anyway
        List<ByteBuffer> refill = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer buf = ByteBuffer.allocateDirect(4 * (1 + i % 4)).order(ByteOrder.nativeOrder());
            for (int k = 0; k < buf.capacity() / 4; k++) {
                buf.putFloat(4 * k, 1e30f);
            }
            refill.add(buf);
        }
        return refill;
    }
}
