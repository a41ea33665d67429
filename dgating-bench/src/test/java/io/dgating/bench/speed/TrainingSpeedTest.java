package io.dgating.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.engine.cpu.CpuEngine;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The throughput benchmark measures every batch size and gating, and counts the model's products by hand. */
class TrainingSpeedTest {

    @Test
    void measuresEveryBatchAndGatingAndCountsTheForwardProducts() {
        ModelSpec mlp = ModelSpec.builder(20)
                .dense(16, Activation.RELU)
                .dense(2, Activation.IDENTITY)
                .head(Head.SOFTMAX_CROSS_ENTROPY)
                .build();
        List<GatingConfig> gatings = List.of(
                GatingConfig.none(),
                GatingConfig.builder()
                        .depth(3)
                        .lambda(1e-4)
                        .gate("dense1", GroupKind.INPUT_FEATURES)
                        .build());
        List<List<TrainingSpeed.Row>> reported = new ArrayList<>();
        List<TrainingSpeed.Row> rows;
        try (Engine e = new CpuEngine(new EngineConfig(1, "cpu"))) {
            rows = new TrainingSpeed(List.of(4, 8), 3, 1, 3).measure(e, mlp, gatings, reported::add);
        }
        assertEquals(4, rows.size());
        assertEquals(2, reported.size(), "one report per batch size");
        for (TrainingSpeed.Row r : rows) {
            assertTrue(r.stepsPerSecond() > 0 && Double.isFinite(r.stepsPerSecond()), r.toString());
            assertEquals(20 * 16 + 16 * 2, r.multiplyAdds(), "20 x 16 and 16 x 2 weight products per example");
            assertEquals(r.gating() == 0, Double.isNaN(r.relativeToFirst()), r.toString());
            assertEquals(r.stepsPerSecond() * r.batch() * 6.0 * 352 / 1e9, r.gflops(), 1e-12);
        }
        assertEquals(
                List.of(4, 4, 8, 8), rows.stream().map(TrainingSpeed.Row::batch).toList());
        assertThrows(IllegalArgumentException.class, () -> new TrainingSpeed(List.of(0), 1, 0, 1));
    }
}
