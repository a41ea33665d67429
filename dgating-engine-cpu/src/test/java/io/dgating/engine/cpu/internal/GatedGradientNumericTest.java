package io.dgating.engine.cpu.internal;

import static io.dgating.api.testing.NumericAssertions.assertClose;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.WorkerPool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Test 1 of the foundation issue: the engine's analytic gradients of data loss + D-Gating
 * penalty + ordinary decay, w.r.t. omega, every gate and every ungated parameter, match
 * central finite differences of an independent float64 implementation of the objective.
 * Tolerance: relative 1e-3 (float32 analytic gradient against a float64 reference), with an
 * absolute floor of 1e-6 for entries that are 0 in exact arithmetic.
 */
class GatedGradientNumericTest {

    private static final WorkerPool POOL = new WorkerPool(2);
    private static final double H = 1e-6;

    @AfterAll
    static void shutdown() {
        POOL.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(2, 3, 4)
                .flatMap(d -> Stream.of(
                        Arguments.of(d, GroupKind.INPUT_FEATURES, Activation.TANH, Head.SOFTMAX_CROSS_ENTROPY),
                        Arguments.of(d, GroupKind.NEURONS, Activation.GELU, Head.SOFTMAX_CROSS_ENTROPY),
                        Arguments.of(d, GroupKind.INPUT_FEATURES, Activation.RELU, Head.SQUARED_ERROR),
                        Arguments.of(d, GroupKind.NEURONS, Activation.TANH, Head.SQUARED_ERROR),
                        Arguments.of(d, GroupKind.NEURONS, Activation.SIGMOID, Head.SOFTMAX_CROSS_ENTROPY),
                        Arguments.of(d, GroupKind.INPUT_FEATURES, Activation.GELU_TANH, Head.SOFTMAX_CROSS_ENTROPY)));
    }

    @ParameterizedTest(name = "D={0} {1} {2} {3}")
    @MethodSource("cases")
    void analyticGradientsMatchFiniteDifferences(int depth, GroupKind kind, Activation act, Head head) {
        int outputs = head == Head.SQUARED_ERROR ? 1 : 3;
        ModelSpec model = ModelSpec.builder(6)
                .dense(5, act)
                .dense(4, Activation.TANH)
                .dense(outputs, Activation.IDENTITY)
                .head(head)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(depth)
                .lambda(0.07)
                .gate(GateSpec.of("dense1", kind))
                .gate(GateSpec.of("dense2", kind))
                .build();
        check(model, gating, 0.01, 11L * depth + kind.ordinal());
    }

    @Test
    void groupedInputColumnsGetOneGatePerGroup() {
        ModelSpec model = ModelSpec.builder(6)
                .dense(4, Activation.TANH)
                .dense(3, Activation.IDENTITY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.05)
                .gate(new GateSpec("dense1", GroupKind.INPUT_FEATURES, new int[] {0, 0, 1, 2, 2, 2}))
                .build();
        check(model, gating, 0.0, 5L);
    }

    private void check(ModelSpec model, GatingConfig gating, double weightDecay, long seed) {
        Random rnd = new Random(seed);
        ParameterSet params = perturbGates(ParameterInitializer.initialize(model, gating, seed), rnd);
        int n = 9;
        float[] x = new float[n * model.inputSize()];
        float[] y = new float[n];
        double[][] xd = new double[n][model.inputSize()];
        double[] yd = new double[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < model.inputSize(); c++) {
                x[r * model.inputSize() + c] = (float) rnd.nextGaussian();
                xd[r][c] = x[r * model.inputSize() + c];
            }
            y[r] = model.head() == Head.SQUARED_ERROR ? (float) rnd.nextGaussian() : rnd.nextInt(model.outputSize());
            yd[r] = y[r];
        }
        Network net = new Network(model, gating, params, new GemmMt(POOL), 1L);
        net.lossAndGradients(x, y, n);
        net.addDecayGradients(weightDecay);

        ReferenceMlp ref = new ReferenceMlp(model, gating, params);
        for (Param p : net.params()) {
            double[] values = ref.params().get(p.name());
            double[] fd = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                double keep = values[i];
                values[i] = keep + H;
                double plus = ref.objective(xd, yd, weightDecay);
                values[i] = keep - H;
                double minus = ref.objective(xd, yd, weightDecay);
                values[i] = keep;
                fd[i] = (plus - minus) / (2 * H);
            }
            assertClose(p.grad(), fd, 1e-3, 1e-6, p.name() + " (" + gating.depth() + ")");
        }
    }

    /** Gates start at 1; spread them so the product-of-other-gates terms are exercised. */
    private static ParameterSet perturbGates(ParameterSet p, Random rnd) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            Tensor t = e.getValue();
            if (e.getKey().endsWith("." + ParamRef.GATES)) {
                float[] v = t.data();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (0.5 + rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
                }
                t = new Tensor(t.shape(), v);
            }
            out.put(e.getKey(), t);
        }
        return new ParameterSet(out);
    }

    @Test
    void gateGradientDoesNotDivideByAZeroGate() {
        ModelSpec model = ModelSpec.builder(3).dense(2, Activation.IDENTITY).build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.0)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        ParameterSet init = ParameterInitializer.initialize(model, gating, 3L);
        Map<String, Tensor> m = new LinkedHashMap<>(init.asMap());
        // gate 0 of group 0 is exactly 0: d/dgamma_01 must still be gamma_00-free and finite
        m.put("dense1.gates", new Tensor(new int[] {3, 2}, new float[] {0f, 2f, 1f, 1f, 1f, 1f}));
        ParameterSet params = new ParameterSet(m);
        Network net = new Network(model, gating, params, new GemmMt(POOL), 1L);
        net.lossAndGradients(new float[] {1f, 2f, 3f}, new float[] {1f}, 1);
        float[] g = net.params().stream()
                .filter(p -> p.name().equals("dense1.gates"))
                .findFirst()
                .orElseThrow()
                .grad();
        for (float v : g) {
            org.junit.jupiter.api.Assertions.assertTrue(Float.isFinite(v), "gate gradient " + v);
        }
        // d/dgamma_00 = gamma_01 * <omega_0, g_0> != 0 while d/dgamma_01 = gamma_00 * ... = 0
        org.junit.jupiter.api.Assertions.assertNotEquals(0f, g[0]);
        org.junit.jupiter.api.Assertions.assertEquals(0f, g[1]);
    }
}
