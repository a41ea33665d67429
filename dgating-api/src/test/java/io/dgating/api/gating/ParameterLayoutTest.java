package io.dgating.api.gating;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.ParamRef;
import io.dgating.api.Shape;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Layer kinds declare their parameters; the gating adds gates; readers go by role. */
class ParameterLayoutTest {

    private static final ModelSpec MODEL = ModelSpec.builder(5)
            .dense(4, Activation.RELU)
            .dropout(0.1)
            .dense(3, Activation.TANH)
            .dense(2, Activation.IDENTITY)
            .head(Head.SOFTMAX_CROSS_ENTROPY)
            .build();
    private static final GatingConfig GATING = GatingConfig.builder()
            .depth(4)
            .lambda(0.1)
            .gate("dense1", GroupKind.INPUT_FEATURES)
            .gate("dense2", GroupKind.NEURONS)
            .build();

    @Test
    void specsListWhatEachLayerDeclaresThenItsGatesInModelOrder() {
        assertEquals(
                List.of(
                        new ParamSpec(new ParamRef("dense1", "weight"), ParamRole.WEIGHT, Shape.of(4, 5), 5),
                        new ParamSpec(new ParamRef("dense1", "bias"), ParamRole.BIAS, Shape.of(4), 5),
                        new ParamSpec(new ParamRef("dense1", "gates"), ParamRole.GATES, Shape.of(5, 3), 0),
                        new ParamSpec(new ParamRef("dense2", "weight"), ParamRole.WEIGHT, Shape.of(3, 4), 4),
                        new ParamSpec(new ParamRef("dense2", "bias"), ParamRole.BIAS, Shape.of(3), 4),
                        new ParamSpec(new ParamRef("dense2", "gates"), ParamRole.GATES, Shape.of(3, 3), 0),
                        new ParamSpec(new ParamRef("dense3", "weight"), ParamRole.WEIGHT, Shape.of(2, 3), 3),
                        new ParamSpec(new ParamRef("dense3", "bias"), ParamRole.BIAS, Shape.of(2), 3)),
                ParameterLayout.specs(MODEL, GATING));
        assertEquals(
                Set.of("dense1.weight", "dense1.gates", "dense2.weight", "dense2.gates"),
                ParameterLayout.gatedFactors(MODEL, GATING));
    }

    @Test
    void theInitialiserDrawsWithinEachParametersFanInAndStartsGatesAtOne() {
        var p = ParameterInitializer.initialize(MODEL, GATING, 3);
        for (ParamSpec s : ParameterLayout.specs(MODEL, GATING)) {
            float[] v = p.get(s.name()).data();
            for (float x : v) {
                if (s.role() == ParamRole.GATES) {
                    assertEquals(1f, x, s.name());
                } else {
                    assertEquals(
                            0,
                            Math.max(0, Math.abs(x) - 1 / Math.sqrt(s.fanIn())),
                            0,
                            s.name() + " within 1/sqrt(fan-in)");
                }
            }
        }
        assertEquals(new ParamRef("dense2", ParamRef.WEIGHT), GateCollapse.weightOf(MODEL, "dense2"));
    }
}
