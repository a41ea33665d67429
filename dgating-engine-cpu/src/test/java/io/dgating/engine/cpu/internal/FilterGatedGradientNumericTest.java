package io.dgating.engine.cpu.internal;

import static io.dgating.api.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.gating.ChannelCoupling;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.gating.ParameterLayout;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Embedding;
import io.dgating.api.model.ModelSpec;
import io.dgating.engine.cpu.kernel.GemmMt;
import io.dgating.engine.cpu.kernel.WorkerPool;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Filter groups span several tensors and layers (conv filters, biases, batch-norm scales and
 * shifts, coupled through a residual add). The engine's gradients of data loss + D-Gating penalty
 * w.r.t. every omega and gate match central finite differences of an objective computed
 * independently in float64: {@link ReferenceGraph} on weights collapsed here from the group
 * slices, plus {@code (lambda / D)} times the squared factors. Attention-head groups (slices of
 * four projections of one layer) are checked the same way.
 */
class FilterGatedGradientNumericTest {

    private static final WorkerPool POOL = new WorkerPool(2);
    private static final double H = 1e-6;
    private static final double LAMBDA = 0.05;

    @AfterAll
    static void shutdown() {
        POOL.close();
    }

    /** A residual block whose stream (stem conv + bn) is coupled with the block's second conv, plus a plain conv with bias. */
    static ModelSpec model() {
        return ModelSpec.builder(Shape.of(2, 6, 6))
                .conv(3, 3, 1, 1, false)
                .batchNorm()
                .activation(Activation.RELU)
                .conv(3, 3, 1, 1, true)
                .batchNorm()
                .activation(Activation.RELU)
                .conv(3, 3, 1, 1, false)
                .batchNorm()
                .add("relu1", "bn3")
                .activation(Activation.RELU)
                .conv(2, 3, 2, 1, true)
                .activation(Activation.TANH)
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(2, 3, 4)
                .flatMap(d -> Stream.of(Arguments.of(d, GroupKind.FILTERS), Arguments.of(d, GroupKind.FILTER_WEIGHTS)));
    }

    @ParameterizedTest(name = "D={0} {1}")
    @MethodSource("cases")
    void analyticGradientsMatchFiniteDifferences(int depth, GroupKind kind) {
        ModelSpec model = model();
        List<String> owners = new ChannelCoupling(model).owners();
        assertEquals(List.of("conv1", "conv2", "conv4"), owners, "conv3 writes conv1's channels through the add");
        GatingConfig.Builder b = GatingConfig.builder().depth(depth).lambda(LAMBDA);
        owners.forEach(o -> b.gate(GateSpec.of(o, kind)));
        check(model, b.build(), new Random(31L * depth + kind.ordinal()), depth + ", " + kind);
    }

    /** Attention heads: the paper's value rows, and the wide group (Q, K, V rows and biases, output columns). */
    static Stream<Arguments> headCases() {
        return Stream.of(2, 3, 4)
                .flatMap(d -> Stream.of(Arguments.of(d, GroupKind.HEADS), Arguments.of(d, GroupKind.HEADS_WIDE)));
    }

    @ParameterizedTest(name = "D={0} {1}")
    @MethodSource("headCases")
    void headGroupGradientsMatchFiniteDifferences(int depth, GroupKind kind) {
        ModelSpec model = ModelSpec.builder(Shape.of(4))
                .embedding(5, 4)
                .positionEmbedding()
                .layerNorm()
                .attention(2, 2)
                .add("pos1", "attn1")
                .layerNorm()
                .attention(3, 1)
                .flatten()
                .dense(3, Activation.IDENTITY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(depth)
                .lambda(LAMBDA)
                .gateHeads(model, kind)
                .build();
        check(model, gating, new Random(17L * depth + kind.ordinal()), depth + ", " + kind);
    }

    private static void check(ModelSpec model, GatingConfig gating, Random rnd, String label) {
        ParameterSet params = perturb(ParameterInitializer.initialize(model, gating, 7), rnd);
        int n = 4;
        int size = model.inputSize();
        float[] x = new float[n * size];
        double[][] xd = new double[n][size];
        float[] y = new float[n];
        int[] yi = new int[n];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < size; j++) {
                x[r * size + j] = model.layers().get(0) instanceof Embedding e
                        ? rnd.nextInt(e.vocabulary())
                        : (float) rnd.nextGaussian();
                xd[r][j] = x[r * size + j];
            }
            yi[r] = rnd.nextInt(3);
            y[r] = yi[r];
        }
        Network net = new Network(model, gating, params, new GemmMt(POOL), 1L);
        net.lossAndGradients(x, y, n);
        net.addDecayGradients(0.0);

        Objective objective = new Objective(model, gating, params);
        for (Param p : net.params()) {
            double[] values = objective.factors.get(p.name());
            double[] fd = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                double keep = values[i];
                values[i] = keep + H;
                double plus = objective.value(xd, yi);
                values[i] = keep - H;
                double minus = objective.value(xd, yi);
                values[i] = keep;
                fd[i] = (plus - minus) / (2 * H);
            }
            assertClose(p.grad(), fd, 2e-3, 2e-6, p.name() + " (D = " + label + ")");
        }
    }

    /** Data loss of the collapsed weights plus the D-Gating penalty, all in float64. */
    private static final class Objective {
        private final GatingConfig gating;
        private final Map<String, double[]> factors = new LinkedHashMap<>();
        private final Map<String, GateGroups> groupsOf = new HashMap<>();
        private final Map<String, int[]> groupOfElement = new HashMap<>();
        private final Set<String> gated;
        private final ReferenceGraph ref;

        Objective(ModelSpec model, GatingConfig gating, ParameterSet params) {
            this.gating = gating;
            this.gated = ParameterLayout.gatedFactors(model, gating);
            Map<String, Tensor> plain = new LinkedHashMap<>();
            for (var e : params.asMap().entrySet()) {
                float[] v = e.getValue().data();
                double[] d = new double[v.length];
                for (int i = 0; i < v.length; i++) {
                    d[i] = v[i];
                }
                factors.put(e.getKey(), d);
                if (!e.getKey().endsWith("." + ParamRef.GATES)) {
                    plain.put(e.getKey(), e.getValue());
                }
            }
            for (GateSpec g : gating.gates()) {
                GateGroups groups = gating.groupsOf(model, g.layer());
                for (ParamRef p : groups.params()) {
                    groupsOf.put(p.name(), groups);
                    groupOfElement.put(
                            p.name(),
                            groups.groupOfElement(p, Shape.of(params.get(p).shape())));
                }
            }
            this.ref = new ReferenceGraph(model, new ParameterSet(plain));
        }

        double value(double[][] x, int[] y) {
            for (var e : ref.params().entrySet()) {
                double[] omega = factors.get(e.getKey());
                GateGroups groups = groupsOf.get(e.getKey());
                double[] w = e.getValue();
                for (int i = 0; i < w.length; i++) {
                    int j = groups == null ? -1 : groupOfElement.get(e.getKey())[i];
                    double p = 1;
                    if (j >= 0) {
                        double[] gates =
                                factors.get(ParamRef.gatesOf(groups.layer()).name());
                        int k = gating.depth() - 1;
                        for (int d = 0; d < k; d++) {
                            p *= gates[j * k + d];
                        }
                    }
                    w[i] = omega[i] * p;
                }
            }
            double penalty = 0;
            for (String f : gated) {
                for (double v : factors.get(f)) {
                    penalty += v * v;
                }
            }
            return ref.loss(x, y) + LAMBDA / gating.depth() * penalty;
        }
    }

    /** Spreads batch-norm entries and gates away from 1 and 0, so every product term is exercised. */
    private static ParameterSet perturb(ParameterSet p, Random rnd) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : p.asMap().entrySet()) {
            Tensor t = e.getValue();
            boolean gates = e.getKey().endsWith("." + ParamRef.GATES);
            if (gates || e.getKey().startsWith("bn")) {
                float[] v = t.data();
                for (int i = 0; i < v.length; i++) {
                    v[i] = gates
                            ? (float) (0.5 + rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1)
                            : v[i] + (float) (0.3 * rnd.nextGaussian());
                }
                t = new Tensor(t.shape(), v);
            }
            out.put(e.getKey(), t);
        }
        return new ParameterSet(out);
    }
}
