package io.dgating.engine.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GateCollapse;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.engine.cpu.CpuEngine;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fine-tuning after removal on both engines: with the gates frozen (1 for kept groups, 0 for
 * removed ones) and lambda 0, the gates end bit-identical to their start, so removed groups stay
 * exactly zero, while the kept weights learn; under SGD with momentum and under Adam.
 */
class FrozenGatesIT {

    @Test
    void frozenGatesDoNotMoveAndRemovedGroupsStayZero() {
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.WINE.load(), 0.2, 0.2, 1).standardized();
        ModelSpec model = ModelSpec.builder(13)
                .dense(8, Activation.TANH)
                .dense(6, Activation.RELU)
                .dense(3, Activation.IDENTITY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        for (Engine engine :
                new Engine[] {new CpuEngine(new EngineConfig(1, "cpu")), new DjlEngine(new EngineConfig(1, "cpu"))}) {
            try (engine) {
                ParameterSet start = closeEveryThirdGroup(engine.initialize(model, gating, 4));
                for (Optimizer o : new Optimizer[] {new Optimizer.Sgd(0.9, true), Optimizer.Adam.defaults()}) {
                    TrainingConfig cfg = TrainingConfig.builder()
                            .optimizer(o)
                            .learningRate(0.05)
                            .epochs(5)
                            .batchSize(16)
                            .seed(2)
                            .build();
                    ParameterSet end = engine.train(TrainingRequest.of(model, gating, cfg, data)
                                    .withInitialParameters(start)
                                    .withGatesFrozen())
                            .parameters();
                    String what = engine.name() + " " + o;
                    assertEquals(start.get("dense1.gates"), end.get("dense1.gates"), what);
                    assertEquals(start.get("dense2.gates"), end.get("dense2.gates"), what);
                    assertNotEquals(start.get("dense1.weight"), end.get("dense1.weight"), what + ": omega learns");
                    ParameterSet collapsed = GateCollapse.collapse(model, gating, end);
                    float[] w1 = collapsed.get("dense1.weight").data();
                    for (int r = 0; r < 8; r++) {
                        for (int c = 0; c < 13; c += 3) {
                            org.junit.jupiter.api.Assertions.assertTrue(
                                    w1[r * 13 + c] == 0f,
                                    what + ": removed input column " + c + " holds " + w1[r * 13 + c]);
                        }
                    }
                }
            }
        }
    }

    private static ParameterSet closeEveryThirdGroup(ParameterSet init) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : init.asMap().entrySet()) {
            Tensor t = e.getValue();
            if (e.getKey().endsWith("." + ParamRef.GATES)) {
                float[] v = t.data();
                for (int j = 0; j < t.dim(0); j += 3) {
                    Arrays.fill(v, j * t.dim(1), (j + 1) * t.dim(1), 0f);
                }
                t = new Tensor(t.shape(), v);
            }
            out.put(e.getKey(), t);
        }
        return new ParameterSet(out);
    }
}
