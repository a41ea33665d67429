package io.dgating.engine.djl;

import static io.dgating.api.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.data.Standardization;
import io.dgating.api.data.Task;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.Proximal;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.engine.cpu.CpuEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Convolutional networks on both engines from the same start and batches: a LeNet-5 whose
 * classifier head is D-Gated, and a residual network with batch norm (running statistics
 * included in the comparison). Tolerances as {@link CrossEngineIT}: 1e-5 absolute after one
 * step; after a few steps the float32 rounding of differently ordered sums (PyTorch's
 * convolution against im2col) is propagated, so 2e-4 relative plus 2e-5 absolute.
 */
class CnnCrossEngineIT {

    private static CpuEngine cpu;
    private static DjlEngine djl;

    @BeforeAll
    static void start() {
        cpu = new CpuEngine(new EngineConfig(1, "cpu"));
        djl = new DjlEngine(new EngineConfig(1, "cpu"));
    }

    @AfterAll
    static void stop() {
        cpu.close();
        djl.close();
    }

    static Stream<Arguments> cases() {
        Shape img = Shape.of(1, 16, 16);
        return Stream.of(
                Arguments.of(
                        "lenet5, gated head",
                        Architectures.lenet5(img, 3),
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.02)
                                .gate("dense1", GroupKind.INPUT_FEATURES)
                                .gate("dense2", GroupKind.NEURONS)
                                .build()),
                Arguments.of("resnet:8", Architectures.resnet(Shape.of(2, 8, 8), 8, 3), GatingConfig.none()),
                Arguments.of(
                        "resnet:8, coupled filter groups D = 3",
                        Architectures.resnet(Shape.of(2, 8, 8), 8, 3),
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.01)
                                .gateFilters(Architectures.resnet(Shape.of(2, 8, 8), 8, 3), GroupKind.FILTERS)
                                .build()),
                Arguments.of(
                        "lenet5, narrow filter groups D = 4",
                        Architectures.lenet5(img, 3),
                        GatingConfig.builder()
                                .depth(4)
                                .lambda(0.01)
                                .gateFilters(Architectures.lenet5(img, 3), GroupKind.FILTER_WEIGHTS)
                                .build()),
                Arguments.of(
                        "layer norms over image rows and flat features, gated filters D = 3",
                        layerNormed(img),
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.01)
                                .gateFilters(layerNormed(img), GroupKind.FILTERS)
                                .build()),
                Arguments.of(
                        "dense layers over a sequence [5, 6] with a residual layer norm, gated neurons D = 3",
                        sequence(),
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.01)
                                .gate("dense1", GroupKind.NEURONS)
                                .build()),
                Arguments.of(
                        "token and position embeddings of 6 ids from 8",
                        ModelSpec.builder(Shape.of(6))
                                .embedding(8, 4)
                                .positionEmbedding()
                                .layerNorm()
                                .dense(5, Activation.GELU)
                                .flatten()
                                .dense(3, Activation.IDENTITY)
                                .build(),
                        GatingConfig.none()),
                Arguments.of(
                        "GPT block, value-row head groups D = 3",
                        gpt(),
                        GatingConfig.builder()
                                .depth(3)
                                .lambda(0.01)
                                .gateHeads(gpt(), GroupKind.HEADS)
                                .build()),
                Arguments.of(
                        "GPT block, wide head groups D = 2",
                        gpt(),
                        GatingConfig.builder()
                                .depth(2)
                                .lambda(0.01)
                                .gateHeads(gpt(), GroupKind.HEADS_WIDE)
                                .build()));
    }

    private static ModelSpec gpt() {
        return ModelSpec.builder(Shape.of(6))
                .embedding(8, 8)
                .positionEmbedding()
                .layerNorm()
                .attention(4, 2)
                .add("pos1", "attn1")
                .layerNorm()
                .dense(16, Activation.GELU)
                .dense(8, Activation.IDENTITY)
                .add("add1", "dense2")
                .layerNorm()
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
    }

    private static ModelSpec sequence() {
        return ModelSpec.builder(Shape.of(5, 6))
                .dense(8, Activation.GELU)
                .layerNorm()
                .dense(8, Activation.IDENTITY)
                .add("ln1", "dense2")
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
    }

    private static ModelSpec layerNormed(Shape img) {
        return ModelSpec.builder(img)
                .conv(4, 3, 2, 1, true)
                .layerNorm()
                .activation(Activation.RELU)
                .flatten()
                .dense(8, Activation.GELU)
                .layerNorm()
                .dense(3, Activation.IDENTITY)
                .build();
    }

    private static DatasetSplits images(Shape shape, long seed) {
        Random rnd = new Random(seed);
        int n = 32;
        int size = shape.size();
        float[] x = new float[n * size];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(3);
            for (int k = 0; k < size; k++) {
                // a class-dependent blob so the loss has something to learn; a sequence [T] holds token ids
                x[i * size + k] = shape.rank() == 1
                        ? (k % 3 == 0 ? y[i] : rnd.nextInt(8))
                        : (float) (rnd.nextGaussian() + (k % 7 == y[i] ? 1.5 : 0));
            }
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < size; k++) {
            names.add("p" + k);
        }
        Dataset d = new Dataset("images", shape, n, x, y, Task.CLASSIFICATION, names, List.of("a", "b", "c"));
        return new DatasetSplits(
                d, d.select(new int[0], "/v"), d.select(new int[] {0, 1, 2}, "/t"), Standardization.identity(size));
    }

    private static ParameterSet run(Engine e, ModelSpec m, GatingConfig g, ParameterSet init, int epochs) {
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.05)
                .schedule(LrSchedule.CONSTANT)
                .epochs(epochs)
                .batchSize(16)
                .seed(5)
                .build();
        return e.train(TrainingRequest.of(m, g, cfg, images(m.inputShape(), 1)).withInitialParameters(init))
                .parameters();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void oneStepAgreesTo1e5(String name, ModelSpec m, GatingConfig g) {
        ParameterSet init = cpu.initialize(m, g, 11);
        // one epoch = two batches of 16; compare after the first epoch's steps
        ParameterSet a = run(cpu, m, g, init, 1);
        ParameterSet b = run(djl, m, g, init, 1);
        assertNotEquals(init, a, "training changed the parameters");
        for (String p : a.names()) {
            assertClose(b.get(p).data(), toDouble(a.get(p).data()), 0, 1e-5, name + " " + p);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tenStepsAgree(String name, ModelSpec m, GatingConfig g) {
        ParameterSet init = cpu.initialize(m, g, 11);
        ParameterSet a = run(cpu, m, g, init, 5);
        ParameterSet b = run(djl, m, g, init, 5);
        for (String p : a.names()) {
            assertClose(b.get(p).data(), toDouble(a.get(p).data()), 2e-4, 2e-5, name + " " + p);
        }
    }

    @org.junit.jupiter.api.Test
    void proximalStepsAgree() {
        ModelSpec m = Architectures.resnet(Shape.of(2, 8, 8), 8, 3);
        GatingConfig g = new GatingConfig(
                2,
                0.0,
                GatingConfig.DEFAULT_EPS,
                GatingConfig.builder().gateFilters(m, GroupKind.FILTERS).build().gates());
        ParameterSet init = cpu.initialize(m, g, 11);
        // soft-thresholding every batch-norm scale by a tenth of the step: a proximal step both engines take
        Proximal shrink = (p, lr) -> {
            Map<String, Tensor> out = new LinkedHashMap<>(p.asMap());
            for (var e : p.asMap().entrySet()) {
                if (e.getKey().startsWith("bn") && e.getKey().endsWith(".weight")) {
                    float[] v = e.getValue().data();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = Math.signum(v[i]) * Math.max(Math.abs(v[i]) - (float) (0.1 * lr), 0f);
                    }
                    out.put(e.getKey(), new Tensor(e.getValue().shape(), v));
                }
            }
            return new ParameterSet(out);
        };
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.05)
                .schedule(LrSchedule.CONSTANT)
                .epochs(1)
                .batchSize(16)
                .seed(5)
                .build();
        ParameterSet a = cpu.train(TrainingRequest.of(m, g, cfg, images(m.inputShape(), 1))
                        .withInitialParameters(init)
                        .withGatesFrozen()
                        .withProximal(shrink))
                .parameters();
        ParameterSet b = djl.train(TrainingRequest.of(m, g, cfg, images(m.inputShape(), 1))
                        .withInitialParameters(init)
                        .withGatesFrozen()
                        .withProximal(shrink))
                .parameters();
        assertTrue(
                a.get("bn1.weight").data()[0] < init.get("bn1.weight").data()[0] - 0.005, "the step shrank the scales");
        for (String p : a.names()) {
            assertClose(b.get(p).data(), toDouble(a.get(p).data()), 0, 1e-5, "proximal " + p);
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
