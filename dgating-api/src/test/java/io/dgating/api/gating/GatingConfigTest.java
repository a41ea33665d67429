package io.dgating.api.gating;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatingConfigTest {

    private static final ModelSpec MLP = ModelSpec.mlp(4, List.of(3), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void impossibleSettingsSayWhichAndWhy() {
        assertTrue(message(() -> GatingConfig.builder().depth(1).build()).startsWith("depth D must be >= 2"));
        assertTrue(message(() -> GatingConfig.builder().lambda(-1e-3).build())
                .startsWith("lambda must be a finite number >= 0"));
        assertTrue(
                message(() -> GatingConfig.builder().lambda(Double.NaN).build()).contains("got NaN"));
        assertTrue(message(() -> GatingConfig.builder().eps(0).build()).startsWith("eps must be"));
        assertTrue(message(() -> GatingConfig.builder()
                        .gate("dense1", GroupKind.NEURONS)
                        .gate("dense1", GroupKind.INPUT_FEATURES)
                        .build())
                .contains("gated twice"));
        assertTrue(message(() -> GatingConfig.builder()
                        .gate("conv9", GroupKind.NEURONS)
                        .build()
                        .validateAgainst(MLP))
                .contains("no layer named 'conv9'"));
        assertTrue(message(() -> GatingConfig.builder()
                        .gate("dense2", GroupKind.NEURONS)
                        .build()
                        .validateAgainst(MLP))
                .contains("output layer"));
        assertTrue(message(() -> GatingConfig.builder()
                        .gate(new GateSpec("dense1", GroupKind.INPUT_FEATURES, new int[] {0, 1}))
                        .build()
                        .validateAgainst(MLP))
                .contains("has 4 inputs but its feature groups cover 2"));
        assertTrue(message(() -> new GateSpec("d", GroupKind.INPUT_FEATURES, new int[] {0, 2}))
                .contains("group 1 has no column"));
    }

    @Test
    void defaultEpsIsFloat32MachineEpsilon() {
        assertEquals(Math.pow(2, -23), GatingConfig.DEFAULT_EPS);
        assertEquals(1.0 / 3, GatingConfig.builder().depth(3).lambda(1).build().factorDecay(), 0);
    }

    @Test
    void collapseMultipliesEveryGroupByItsGateProduct() {
        GatingConfig neurons = GatingConfig.builder()
                .depth(3)
                .gate("dense1", GroupKind.NEURONS)
                .build();
        GatingConfig inputs = GatingConfig.builder()
                .depth(3)
                .gate(new GateSpec("dense1", GroupKind.INPUT_FEATURES, new int[] {0, 0, 1, 1}))
                .build();
        float[] omega = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("dense1.weight", new Tensor(new int[] {3, 4}, omega));
        m.put("dense1.bias", new Tensor(new int[] {3}, new float[] {1, 1, 1}));
        m.put("dense1.gates", new Tensor(new int[] {3, 2}, new float[] {2, 3, 0, 5, -1, 1}));
        ParameterSet p = new ParameterSet(m);
        float[] w = GateCollapse.collapse(MLP, neurons, p).get("dense1.weight").data();
        assertArrayEquals(new float[] {6, 12, 18, 24, 0, 0, 0, 0, -9, -10, -11, -12}, w);
        assertEquals(
                List.of(2, 1),
                List.of(
                        GateCollapse.report(MLP, neurons, p).get(0).kept(),
                        GateCollapse.report(MLP, neurons, p).get(0).zero()));

        m.put("dense1.gates", new Tensor(new int[] {2, 2}, new float[] {2, 3, 0, 5}));
        float[] wi = GateCollapse.collapse(MLP, inputs, new ParameterSet(m))
                .get("dense1.weight")
                .data();
        assertArrayEquals(new float[] {6, 12, 0, 0, 30, 36, 0, 0, 54, 60, 0, 0}, wi);
        GroupReport r = GateCollapse.report(MLP, inputs, new ParameterSet(m)).get(0);
        assertArrayEquals(new int[] {0}, r.keptIndices());
        assertEquals(Math.sqrt(36 + 144 + 900 + 1296 + 2916 + 3600), r.norms()[0], 1e-9);
        assertTrue(!new ParameterSet(
                        GateCollapse.collapse(MLP, inputs, new ParameterSet(m)).asMap())
                .contains("dense1.gates"));
    }

    @Test
    void almostZeroGroupsAreCountedSeparately() {
        GroupReport r = new GroupReport("l", GroupKind.NEURONS, new double[] {0, 1e-8, 1e-6, 5e-4, 1e-3, 2}, 1e-7);
        assertEquals(2, r.zero());
        assertEquals(2, r.almostZero());
        assertEquals(4, r.kept());
    }

    @Test
    void headGatingDefaultsToThePapersThresholdUnlessOneIsGiven() {
        ModelSpec gpt = Architectures.gpt(5, 1, 2, 4, 3);
        org.junit.jupiter.api.Assertions.assertEquals(
                GatingConfig.HEAD_EPS,
                GatingConfig.builder().gateHeads(gpt, GroupKind.HEADS).build().eps());
        org.junit.jupiter.api.Assertions.assertEquals(
                1e-7,
                GatingConfig.builder()
                        .eps(1e-7)
                        .gateHeads(gpt, GroupKind.HEADS)
                        .build()
                        .eps());
        org.junit.jupiter.api.Assertions.assertEquals(
                GatingConfig.DEFAULT_EPS,
                GatingConfig.builder().gate("dense1", GroupKind.NEURONS).build().eps());
        org.junit.jupiter.api.Assertions.assertEquals(
                GatingConfig.DEFAULT_EPS, GatingConfig.builder().build().eps());
    }
}
