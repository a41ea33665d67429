package io.dgating.experiments.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.Standardization;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The baselines' proximal steps against their closed forms, and the global pruning choice. */
class FilterBaselinesTest {

    private static final ModelSpec RESNET = Architectures.resnet(Shape.of(1, 8, 8), 8, 3);
    private static final GatingConfig FILTERS = GatingConfig.builder()
            .depth(2)
            .gateFilters(RESNET, GroupKind.FILTERS)
            .build();

    @Test
    void groupLassoProximalStepShrinksEachFilterGroupByTheThresholdOrToZero() {
        ParameterSet p = ParameterInitializer.initialize(RESNET, FILTERS, 3);
        // the stem's channel 0 spans conv1 and the block's second conv, conv3, which writes into the same add
        String[] group = {"conv1.weight", "conv3.weight", "bn1.weight", "bn1.bias", "bn3.weight", "bn3.bias"};
        double before = norm(p, 0, group);
        double t = before * 0.25;
        ParameterSet after =
                FilterBaselines.groupLasso(RESNET, FILTERS, t / 0.5).apply(p, 0.5);
        assertEquals(before - t, norm(after, 0, group), 1e-5 * before);
        // the direction is kept: every entry scales by the same 1 - t / ||w||
        float ratio = (float) (1 - t / before);
        assertEquals(
                p.get("conv3.weight").get(4) * ratio, after.get("conv3.weight").get(4), 1e-6);
        assertEquals(p.get("bn3.weight").get(0) * ratio, after.get("bn3.weight").get(0), 1e-6);
        // another group's entries shrink by their own group's norm, not this one's
        assertEquals(norm(p, 1, group) - t, norm(after, 1, group), 1e-5 * before);
        ParameterSet zeroed = FilterBaselines.groupLasso(RESNET, FILTERS, 1e3).apply(p, 1.0);
        assertEquals(0.0, norm(zeroed, 5, group));
    }

    @Test
    void batchNormL1ProximalStepSoftThresholdsEveryScale() {
        Map<String, Tensor> m = new LinkedHashMap<>(
                ParameterInitializer.initialize(RESNET, FILTERS, 3).asMap());
        float[] s = new float[16];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i % 2 == 0 ? 1 : -1) * 0.01f * i;
        }
        m.put("bn3.weight", new Tensor(new int[] {16}, s));
        ParameterSet after = FilterBaselines.batchNormL1(RESNET, FILTERS, 0.05).apply(new ParameterSet(m), 1.0);
        for (int i = 0; i < s.length; i++) {
            double expected = Math.signum(s[i]) * Math.max(Math.abs(s[i]) - 0.05, 0);
            assertEquals(expected, after.get("bn3.weight").get(i), 1e-7, "scale " + i);
        }
    }

    @Test
    void smallestRemovesTheRatioOfLowestScoresGlobally() {
        double[] scores = {0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 1.0};
        boolean[] removed = FilterBaselines.smallest(scores, new int[] {10}, 0.3);
        boolean[] expected = {false, true, false, true, false, true, false, false, false, false};
        assertArrayEquals(expected, removed);
        // two layers of 3 and 7: the first layer's three lowest scores would all go at 40%, but it keeps its best
        double[] two = {0.01, 0.02, 0.03, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1};
        assertArrayEquals(
                new boolean[] {true, true, false, true, true, false, false, false, false, false},
                FilterBaselines.smallest(two, new int[] {3, 7}, 0.4));
        boolean[] relative = FilterBaselines.belowRelative(new double[] {2.0, 0.019, 0.021, 0});
        assertArrayEquals(new boolean[] {false, true, false, true}, relative);
    }

    private static double norm(ParameterSet p, int filter, String... params) {
        double sq = 0;
        for (String name : params) {
            Tensor t = p.get(name);
            int per = t.size() / t.dim(0);
            for (int i = filter * per; i < (filter + 1) * per; i++) {
                sq += (double) t.get(i) * t.get(i);
            }
        }
        return Math.sqrt(sq);
    }

    @Test
    void aHeadIsScoredByItsValueRowsUnderEitherGrouping() {
        ModelSpec gpt = Architectures.gpt(5, 1, 2, 4, 3);
        for (GroupKind kind : new GroupKind[] {GroupKind.HEADS, GroupKind.HEADS_WIDE}) {
            GatingConfig g =
                    GatingConfig.builder().depth(2).gateHeads(gpt, kind).build();
            ParameterSet p = ParameterInitializer.initialize(gpt, g, 1);
            TrainingResult r = new TrainingResult(
                    gpt,
                    g,
                    TrainingConfig.builder().build(),
                    p,
                    Standardization.identity(3),
                    List.of("t0", "t1", "t2"),
                    List.of("a", "b", "c", "d", "e"),
                    List.of(),
                    Map.of(Split.TEST, new Metrics(0, 0, 0, 0)),
                    Map.of());
            float[] v = p.get("attn1.value.weight").data(); // [4, 4]: head 0 rows 0-1, head 1 rows 2-3
            double h0 = 0;
            double h1 = 0;
            for (int e = 0; e < 8; e++) {
                h0 += v[e] * v[e];
                h1 += v[8 + e] * v[8 + e];
            }
            assertArrayEquals(
                    new double[] {Math.sqrt(h0), Math.sqrt(h1)}, FilterBaselines.scores(r, false), 1e-6, kind.name());
        }
        FilterBaselines.checkApplicable(
                gpt, GatingConfig.builder().gateHeads(gpt, GroupKind.HEADS).build(), false);
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> FilterBaselines.checkApplicable(
                        gpt,
                        GatingConfig.builder().gateHeads(gpt, GroupKind.HEADS).build(),
                        true));
    }
}
