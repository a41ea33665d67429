package io.dgating.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingCheckpoint;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingDivergedException;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A run resumed from a checkpoint ends bit-identical to the run that never stopped. */
class CheckpointResumeTest {

    private static final DatasetSplits DATA = SyntheticData.sparseClassification(300, 60, 60, 12, 3, 5L);
    private static final ModelSpec MODEL = ModelSpec.builder(12)
            .dense(16, Activation.RELU)
            .dropout(0.2)
            .dense(8, Activation.TANH)
            .dense(2, Activation.IDENTITY)
            .head(Head.SOFTMAX_CROSS_ENTROPY)
            .build();
    private static final GatingConfig GATING = GatingConfig.builder()
            .depth(3)
            .lambda(0.02)
            .gate("dense1", GroupKind.INPUT_FEATURES)
            .gate("dense2", GroupKind.NEURONS)
            .build();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sgd", "nesterov", "adam"})
    void resumedRunEqualsTheUninterruptedRun(String optimizer) {
        Optimizer o = switch (optimizer) {
            case "sgd" -> new Optimizer.Sgd(0.9, false);
            case "nesterov" -> new Optimizer.Sgd(0.8, true);
            default -> Optimizer.Adam.defaults();
        };
        TrainingConfig cfg = TrainingConfig.builder()
                .optimizer(o)
                .learningRate(0.02)
                .epochs(6)
                .batchSize(32)
                .seed(9)
                .build();
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        TrainingListener keep = new TrainingListener() {
            @Override
            public void onCheckpoint(TrainingCheckpoint c) {
                checkpoints.add(c);
            }
        };
        try (CpuEngine engine = new CpuEngine(new EngineConfig(2, "cpu"))) {
            TrainingResult full = engine.train(TrainingRequest.of(MODEL, GATING, cfg, DATA)
                    .withListener(keep)
                    .withCheckpointsEvery(2));
            assertEquals(
                    List.of(2, 4, 6),
                    checkpoints.stream().map(TrainingCheckpoint::epochsDone).toList());
            TrainingCheckpoint at4 = checkpoints.get(1);
            assertEquals(4 * 10, at4.steps(), "300 rows in batches of 32 are 10 steps per epoch");
            assertNotEquals(full.parameters(), at4.parameters());

            TrainingResult resumed =
                    engine.train(TrainingRequest.of(MODEL, GATING, cfg, DATA).resumingFrom(at4));
            assertEquals(full.parameters(), resumed.parameters());
            assertEquals(full.history(), resumed.history());
            assertEquals(full.metrics(), resumed.metrics());
        }
    }

    @org.junit.jupiter.api.Test
    void divergenceKeepsTheLastGoodEpoch() {
        TrainingConfig healthy = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.02)
                .epochs(3)
                .batchSize(32)
                .seed(1)
                .build();
        TrainingConfig wild = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(1e7)
                .epochs(6)
                .batchSize(32)
                .seed(1)
                .build();
        List<TrainingCheckpoint> checkpoints = new ArrayList<>();
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            TrainingDivergedException first = assertThrows(
                    TrainingDivergedException.class, () -> engine.train(TrainingRequest.of(MODEL, GATING, wild, DATA)));
            assertEquals(0, first.lastGood().orElseThrow().epochsDone(), "diverging in epoch 1 leaves the start state");

            engine.train(TrainingRequest.of(MODEL, GATING, healthy, DATA)
                    .withCheckpointsEvery(3)
                    .withListener(new TrainingListener() {
                        @Override
                        public void onCheckpoint(TrainingCheckpoint c) {
                            checkpoints.add(c);
                        }
                    }));
            TrainingDivergedException later = assertThrows(
                    TrainingDivergedException.class,
                    () -> engine.train(
                            TrainingRequest.of(MODEL, GATING, wild, DATA).resumingFrom(checkpoints.get(0))));
            TrainingCheckpoint good = later.lastGood().orElseThrow();
            assertEquals(3, good.epochsDone());
            assertTrue(later.getMessage().contains("diverged in epoch 4"), later.getMessage());
            assertEquals(checkpoints.get(0).parameters(), good.parameters());
            for (var t : good.parameters().asMap().values()) {
                for (int i = 0; i < t.size(); i++) {
                    assertTrue(Float.isFinite(t.get(i)), "the last good state is finite");
                }
            }
        }
    }
}
