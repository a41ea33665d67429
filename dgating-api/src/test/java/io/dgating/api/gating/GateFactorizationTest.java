package io.dgating.api.gating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.Dense;
import io.dgating.api.model.ModelSpec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Writing given weights in gated form: the gate collapse must give the weights back, and the
 * balanced start must sit on the AM-GM equality, where the gated penalty is the paper's
 * {@code lambda ||w_j||^(2/D)} (computed here from the weights alone).
 */
class GateFactorizationTest {

    // ResNet-8: filter groups coupled across residual adds, with batch-norm slices; plus the head's inputs
    static final ModelSpec MODEL = Architectures.resnet(Shape.of(1, 8, 8), 8, 3);

    static GatingConfig gating(int depth) {
        Dense head = MODEL.denseLayers().get(0);
        return GatingConfig.builder()
                .depth(depth)
                .lambda(0.1)
                .gateFilters(MODEL, GroupKind.FILTERS)
                .gate(head.name(), GroupKind.INPUT_FEATURES)
                .build();
    }

    /** Plain weights with one whole group set to zero. */
    static ParameterSet weights(GatingConfig gating) {
        ParameterSet seeded = GateCollapse.collapse(MODEL, gating, ParameterInitializer.initialize(MODEL, gating, 5));
        SplittableRandom rnd = new SplittableRandom(9);
        Map<String, Tensor> out = new HashMap<>();
        for (String name : seeded.names()) {
            float[] v = seeded.get(name).data();
            for (int i = 0; i < v.length; i++) {
                // spread the scales so that groups differ by orders of magnitude
                v[i] += (float) (0.3 * (rnd.nextDouble() - 0.5));
            }
            out.put(name, new Tensor(seeded.get(name).shape(), v));
        }
        GateSpec first = gating.gates().get(0);
        GateGroups groups = gating.groupsOf(MODEL, first.layer());
        for (GroupSlice s : groups.groups().get(1)) {
            Tensor t = out.get(s.param().name());
            float[] v = t.data();
            for (int e : s.elements(Shape.of(t.shape()))) {
                v[e] = 0f;
            }
            out.put(s.param().name(), new Tensor(t.shape(), v));
        }
        return new ParameterSet(out);
    }

    @ParameterizedTest(name = "D = {0}")
    @ValueSource(ints = {2, 3, 4})
    void collapsingEitherStartGivesTheWeightsBack(int depth) {
        GatingConfig gating = gating(depth);
        ParameterSet w = weights(gating);
        for (GateFactorization.Start start : GateFactorization.Start.values()) {
            ParameterSet back =
                    GateCollapse.collapse(MODEL, gating, GateFactorization.factorize(MODEL, gating, w, start));
            assertEquals(w.names(), back.names());
            for (String name : w.names()) {
                float[] a = w.get(name).data();
                float[] b = back.get(name).data();
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-6 * Math.max(1, Math.abs(a[i])), start + " " + name + "[" + i + "]");
                }
            }
        }
    }

    @ParameterizedTest(name = "D = {0}")
    @ValueSource(ints = {2, 3, 4})
    void theBalancedStartPaysExactlyTheNonSmoothPenalty(int depth) {
        GatingConfig gating = gating(depth);
        ParameterSet w = weights(gating);
        ParameterSet gated = GateFactorization.factorize(MODEL, gating, w, GateFactorization.Start.BALANCED);
        int zeroGroups = 0;
        for (GateSpec g : gating.gates()) {
            GateGroups groups = gating.groupsOf(MODEL, g.layer());
            double[] wNorms = groups.norms(w);
            double[] omegaNorms = groups.norms(gated);
            float[] gates = gated.get(ParamRef.gatesOf(g.layer())).data();
            for (int j = 0; j < wNorms.length; j++) {
                double sumSquares = omegaNorms[j] * omegaNorms[j];
                for (int d = 0; d < depth - 1; d++) {
                    double gamma = gates[j * (depth - 1) + d];
                    // balanced: every factor's squared norm is ||w_j||^(2/D)
                    assertEquals(Math.pow(wNorms[j], 2.0 / depth), gamma * gamma, 1e-5 * Math.max(1, gamma * gamma));
                    sumSquares += gamma * gamma;
                }
                double expected = Math.pow(wNorms[j], 2.0 / depth);
                assertEquals(
                        expected,
                        sumSquares / depth,
                        2e-5 * Math.max(expected, 1e-3),
                        g.layer() + " group " + j + ": (1/D)(||omega||^2 + sum gamma^2) = ||w||^(2/D)");
                zeroGroups += wNorms[j] == 0 ? 1 : 0;
            }
        }
        assertEquals(1, zeroGroups, "the zeroed group starts with zero gates and stays a zero group");
    }

    @ParameterizedTest(name = "D = {0}")
    @ValueSource(ints = {2, 3})
    void theIdentityStartKeepsTheWeightsAsOmegaWithUnitGates(int depth) {
        GatingConfig gating = gating(depth);
        ParameterSet w = weights(gating);
        ParameterSet gated = GateFactorization.factorize(MODEL, gating, w, GateFactorization.Start.IDENTITY);
        for (String name : w.names()) {
            assertTrue(Arrays.equals(w.get(name).data(), gated.get(name).data()), name);
        }
        for (GateSpec g : gating.gates()) {
            for (float gamma : gated.get(ParamRef.gatesOf(g.layer())).data()) {
                assertEquals(1f, gamma);
            }
        }
    }

    @ParameterizedTest(name = "D = {0}")
    @ValueSource(ints = {2})
    void aMissingOrMisshapenWeightIsNamed(int depth) {
        GatingConfig gating = gating(depth);
        ParameterSet w = weights(gating);
        Map<String, Tensor> missing = new HashMap<>(w.asMap());
        String dropped = List.copyOf(w.names()).get(0);
        missing.remove(dropped);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GateFactorization.factorize(
                        MODEL, gating, new ParameterSet(missing), GateFactorization.Start.BALANCED));
        assertTrue(e.getMessage().contains(dropped), e.getMessage());
    }
}
