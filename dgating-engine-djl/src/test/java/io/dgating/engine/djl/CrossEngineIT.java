package io.dgating.engine.djl;

import static io.dgating.api.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
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
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Distillation;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The DJL engine against the CPU engine: same initial tensors (the CPU engine's, passed in),
 * same data order, same update rules.
 *
 * <p>Tolerances: after one step the parameters differ only by float32 rounding of differently
 * ordered sums (PyTorch's kernels against ours), so 1e-5 absolute on values of order 0.1-1.
 * Over 200 full-batch gradient steps those rounding differences (about 1e-7 relative per step)
 * are propagated and partly amplified by the dynamics; 200 steps times a per-step drift of a
 * few 1e-7 bounds the collapsed weights' difference by about 1e-4 of their scale, checked with
 * margin as 2e-4 relative plus 2e-5 absolute.
 */
class CrossEngineIT {

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
        return Stream.of(2, 3, 4)
                .flatMap(d -> Stream.of(Arguments.of(d, GroupKind.INPUT_FEATURES), Arguments.of(d, GroupKind.NEURONS)));
    }

    private static DatasetSplits data(long seed) {
        Random rnd = new Random(seed);
        int n = 64;
        int p = 10;
        float[] x = new float[n * p];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < p; k++) {
                x[i * p + k] = (float) rnd.nextGaussian();
                s += (k < 3 ? 1 : 0) * x[i * p + k];
            }
            y[i] = s > 0 ? 1 : 0;
        }
        List<String> names = new ArrayList<>();
        for (int k = 0; k < p; k++) {
            names.add("x" + k);
        }
        Dataset d = new Dataset("cross", n, p, x, y, Task.CLASSIFICATION, names, List.of("a", "b"));
        return new DatasetSplits(
                d, d.select(new int[0], "/v"), d.select(new int[] {0, 1, 2}, "/t"), Standardization.identity(p));
    }

    private static ModelSpec model() {
        return ModelSpec.builder(10)
                .dense(8, Activation.TANH)
                .dense(6, Activation.RELU)
                .dense(2, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
    }

    private static GatingConfig gating(int depth, GroupKind kind) {
        return GatingConfig.builder()
                .depth(depth)
                .lambda(0.05)
                .gate("dense1", kind)
                .gate("dense2", GroupKind.NEURONS)
                .build();
    }

    /** Gates spread away from 1 so that every factor's gradient differs. */
    private static ParameterSet start(ModelSpec m, GatingConfig g) {
        ParameterSet init = cpu.initialize(m, g, 11);
        Map<String, Tensor> out = new LinkedHashMap<>(init.asMap());
        Random rnd = new Random(3);
        for (var e : init.asMap().entrySet()) {
            if (e.getKey().endsWith("." + ParamRef.GATES)) {
                float[] v = e.getValue().data();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.7 + 0.6 * rnd.nextDouble());
                }
                out.put(e.getKey(), new Tensor(e.getValue().shape(), v));
            }
        }
        return new ParameterSet(out);
    }

    private static TrainingResult run(
            Engine e, ModelSpec m, GatingConfig g, ParameterSet init, int epochs, Optimizer o) {
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(o)
                .learningRate(0.05)
                .schedule(LrSchedule.CONSTANT)
                .epochs(epochs)
                .batchSize(64)
                .seed(5)
                .build();
        return e.train(TrainingRequest.of(m, g, cfg, data(1)).withInitialParameters(init));
    }

    @ParameterizedTest(name = "D={0} {1}")
    @MethodSource("cases")
    void oneStepAgreesTo1e5(int depth, GroupKind kind) {
        ModelSpec m = model();
        GatingConfig g = gating(depth, kind);
        ParameterSet init = start(m, g);
        for (Optimizer o : new Optimizer[] {new Optimizer.Sgd(0.9, true), Optimizer.Adam.defaults()}) {
            ParameterSet a = run(cpu, m, g, init, 1, o).parameters();
            ParameterSet b = run(djl, m, g, init, 1, o).parameters();
            for (String name : a.names()) {
                assertClose(b.get(name).data(), toDouble(a.get(name).data()), 0, 1e-5, name + " " + o);
            }
            assertTrue(!a.equals(init), "the step changed something");
        }
    }

    @ParameterizedTest(name = "D={0} {1}")
    @MethodSource("cases")
    void twoHundredFullBatchStepsAgree(int depth, GroupKind kind) {
        ModelSpec m = model();
        GatingConfig g = gating(depth, kind);
        ParameterSet init = start(m, g);
        TrainingResult a = run(cpu, m, g, init, 200, new Optimizer.Sgd(0, false));
        TrainingResult b = run(djl, m, g, init, 200, new Optimizer.Sgd(0, false));
        for (String name : a.collapsed().names()) {
            assertClose(
                    b.collapsed().get(name).data(),
                    toDouble(a.collapsed().get(name).data()),
                    2e-4,
                    2e-5,
                    name);
        }
        assertEquals(a.metrics(Split.TEST).accuracy(), b.metrics(Split.TEST).accuracy());
    }

    @Test
    void sigmoidAndTanhGeluLayersAgree() {
        ModelSpec m = ModelSpec.builder(10)
                .dense(8, Activation.SIGMOID)
                .dense(6, Activation.GELU_TANH)
                .dense(2, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        GatingConfig g = GatingConfig.builder()
                .depth(3)
                .lambda(0.05)
                .gate("dense1", GroupKind.NEURONS)
                .build();
        ParameterSet init = start(m, g);
        ParameterSet a = run(cpu, m, g, init, 3, new Optimizer.Sgd(0.9, false)).parameters();
        ParameterSet b = run(djl, m, g, init, 3, new Optimizer.Sgd(0.9, false)).parameters();
        for (String name : a.names()) {
            assertClose(b.get(name).data(), toDouble(a.get(name).data()), 0, 1e-5, name);
        }
    }

    @Test
    void distillationAgreesAcrossEnginesAndAOneHotTeacherIsTheLabels() {
        ModelSpec m = model();
        GatingConfig g = gating(3, GroupKind.NEURONS);
        ParameterSet init = start(m, g);
        DatasetSplits d = data(1);
        int n = d.train().rows();
        float[] soft = new float[n * 2];
        float[] onehot = new float[n * 2];
        Random rnd = new Random(8);
        for (int r = 0; r < n; r++) {
            float p = rnd.nextFloat();
            soft[r * 2] = p;
            soft[r * 2 + 1] = 1 - p;
            onehot[r * 2 + (int) d.train().target(r)] = 1f;
        }
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.05)
                .schedule(LrSchedule.CONSTANT)
                .epochs(3)
                .batchSize(16)
                .seed(5)
                .build();
        TrainingRequest plain = TrainingRequest.of(m, g, cfg, d).withInitialParameters(init);
        TrainingRequest distilled = plain.withDistillation(new Distillation(soft, 0.6));
        ParameterSet a = cpu.train(distilled).parameters();
        ParameterSet b = djl.train(distilled).parameters();
        ParameterSet labelsOnly = cpu.train(plain).parameters();
        // (1 - w) onehot + w onehot = onehot: a teacher that agrees with the labels changes nothing
        ParameterSet sameAsLabels =
                cpu.train(plain.withDistillation(new Distillation(onehot, 0.7))).parameters();
        double moved = 0;
        for (String name : a.names()) {
            assertClose(b.get(name).data(), toDouble(a.get(name).data()), 0, 2e-5, name + " distilled");
            assertClose(
                    sameAsLabels.get(name).data(), toDouble(labelsOnly.get(name).data()), 0, 1e-6, name + " one-hot");
            for (int i = 0; i < a.get(name).size(); i++) {
                moved = Math.max(
                        moved,
                        Math.abs(a.get(name).get(i) - labelsOnly.get(name).get(i)));
            }
        }
        assertTrue(moved > 1e-3, "a soft teacher changes the training, by " + moved);
    }

    @Test
    void predictMatchesTheCpuEngine() {
        ModelSpec m = model();
        GatingConfig g = gating(3, GroupKind.NEURONS);
        TrainingResult r = run(cpu, m, g, start(m, g), 5, new Optimizer.Sgd(0.9, false));
        float[] x = data(2).train().features();
        assertClose(
                djl.predict(m, r.collapsed(), x, 64),
                toDouble(cpu.predict(m, r.collapsed(), x, 64)),
                1e-5,
                1e-6,
                "outputs");
    }

    static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
