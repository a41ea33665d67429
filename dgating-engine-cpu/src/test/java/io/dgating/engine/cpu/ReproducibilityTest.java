package io.dgating.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgating.api.Shape;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingDivergedException;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import org.junit.jupiter.api.Test;

/** Test 6 of the foundation issue: a seed makes a CPU run bit-identical, whatever the thread count. */
class ReproducibilityTest {

    private static final DatasetSplits DATA = SyntheticData.sparseClassification(700, 100, 100, 40, 5, 3L);
    // wide enough (and batch large enough) that the kernels really split work across threads
    private static final ModelSpec MODEL = ModelSpec.builder(40)
            .dense(96, Activation.RELU)
            .dropout(0.2)
            .dense(64, Activation.GELU)
            .dense(2, Activation.IDENTITY)
            .head(Head.SOFTMAX_CROSS_ENTROPY)
            .build();
    private static final GatingConfig GATING = GatingConfig.builder()
            .depth(3)
            .lambda(0.01)
            .gate("dense1", GroupKind.INPUT_FEATURES)
            .gate("dense2", GroupKind.NEURONS)
            .build();

    private static TrainingResult run(int threads, long seed, Optimizer optimizer) {
        TrainingConfig training = TrainingConfig.builder()
                .optimizer(optimizer)
                .learningRate(0.01)
                .epochs(4)
                .batchSize(128)
                .seed(seed)
                .build();
        try (CpuEngine engine = new CpuEngine(new EngineConfig(threads, "cpu"))) {
            return engine.train(TrainingRequest.of(MODEL, GATING, training, DATA));
        }
    }

    @Test
    void sameSeedGivesBitIdenticalResultsOnAnyThreadCount() {
        for (Optimizer o : new Optimizer[] {new Optimizer.Sgd(0.9, true), Optimizer.Adam.defaults()}) {
            TrainingResult a = run(1, 42, o);
            TrainingResult b = run(1, 42, o);
            TrainingResult c = run(3, 42, o);
            // Tensor.equals compares the float bits of every value
            assertEquals(a.parameters(), b.parameters());
            assertEquals(a.parameters(), c.parameters());
            assertEquals(a.history(), c.history());
            assertEquals(a.metrics(), c.metrics());
        }
    }

    @Test
    void convolutionalNetworksAreBitIdenticalOnAnyThreadCount() {
        // 28x28 with 16 channels: im2col takes 18 images per chunk, so a batch of 32 is two chunks, and the GEMMs split
        // across threads
        ModelSpec resnet = Architectures.resnet(Shape.of(1, 28, 28), 8, 3);
        DatasetSplits images = SyntheticData.images(resnet.inputShape(), 64, 3, 5L);
        TrainingConfig training = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.05)
                .epochs(2)
                .batchSize(32)
                .seed(7)
                .build();
        TrainingResult[] runs = new TrainingResult[2];
        int[] threads = {1, 3};
        for (int k = 0; k < 2; k++) {
            try (CpuEngine engine = new CpuEngine(new EngineConfig(threads[k], "cpu"))) {
                runs[k] = engine.train(TrainingRequest.of(resnet, GatingConfig.none(), training, images));
            }
        }
        assertEquals(runs[0].parameters(), runs[1].parameters(), "weights and batch-norm running statistics");
        assertEquals(runs[0].history(), runs[1].history());
    }

    @Test
    void differentSeedsGiveDifferentRuns() {
        Optimizer o = new Optimizer.Sgd(0.9, false);
        assertNotEquals(run(2, 1, o).parameters(), run(2, 2, o).parameters());
    }

    @Test
    void divergenceStopsWithAClearMessageInsteadOfANanModel() {
        TrainingConfig training = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(1e6)
                .epochs(3)
                .batchSize(64)
                .seed(1)
                .build();
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            TrainingDivergedException e = assertThrows(
                    TrainingDivergedException.class,
                    () -> engine.train(TrainingRequest.of(MODEL, GATING, training, DATA)));
            org.junit.jupiter.api.Assertions.assertTrue(
                    e.getMessage().contains("lower the learning rate"), e.getMessage());
        }
    }
}
