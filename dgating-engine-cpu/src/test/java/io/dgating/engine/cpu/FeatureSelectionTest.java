package io.dgating.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Test 5 of the foundation issue: D = 3 input-feature gating selects features. */
class FeatureSelectionTest {

    private static CpuEngine engine;

    @BeforeAll
    static void start() {
        engine = new CpuEngine(new EngineConfig(2, "cpu"));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void keepsExactlyTheFiveInformativeOfFiftyInputs() {
        DatasetSplits data = SyntheticData.sparseClassification(1000, 300, 1000, 50, 5, 11L);
        ModelSpec model = ModelSpec.mlp(50, List.of(32), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.1)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .build();
        TrainingConfig training = TrainingConfig.builder()
                .epochs(60)
                .batchSize(64)
                .learningRate(0.05)
                .seed(1)
                .build();
        TrainingResult r = engine.train(TrainingRequest.of(model, gating, training, data));
        assertEquals(List.of("x0", "x1", "x2", "x3", "x4"), r.keptFeatures());
        assertEquals(45, r.groupReports().get(0).zero());
        assertTrue(
                r.metrics(Split.TEST).accuracy() > 0.93,
                "test accuracy " + r.metrics(Split.TEST).accuracy());
    }

    /**
     * Breast cancer (569 rows, 30 features): averaged over five random 70/30 splits so that one
     * lucky or unlucky split of 171 test rows cannot decide the outcome, lambda = 0.05 keeps a
     * minority of the features in every split, and mean test accuracy stays within 2 points of
     * the ungated model trained the same way.
     */
    @Test
    void keepsAMinorityOfBreastCancerFeaturesAtSimilarAccuracy() {
        Dataset data = BundledDataset.BREAST_CANCER.load();
        ModelSpec model = ModelSpec.mlp(30, List.of(64, 32), 2, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        double gatedAccuracy = 0;
        double denseAccuracy = 0;
        int splits = 5;
        for (long seed = 1; seed <= splits; seed++) {
            DatasetSplits s = DatasetSplits.random(data, 0.0, 0.3, seed).standardized();
            TrainingConfig training = TrainingConfig.builder()
                    .epochs(100)
                    .batchSize(32)
                    .learningRate(0.05)
                    .seed(seed)
                    .build();
            GatingConfig gating = GatingConfig.builder()
                    .depth(3)
                    .lambda(0.05)
                    .gate("dense1", GroupKind.INPUT_FEATURES)
                    .build();
            TrainingResult gated = engine.train(TrainingRequest.of(model, gating, training, s));
            TrainingResult dense = engine.train(TrainingRequest.of(model, GatingConfig.none(), training, s));
            int kept = gated.groupReports().get(0).kept();
            assertTrue(kept < 15, "split " + seed + " keeps " + kept + " of 30 features");
            assertEquals(kept, gated.keptFeatures().size());
            gatedAccuracy += gated.metrics(Split.TEST).accuracy() / splits;
            denseAccuracy += dense.metrics(Split.TEST).accuracy() / splits;
        }
        assertTrue(
                gatedAccuracy >= denseAccuracy - 0.02,
                "gated mean test accuracy " + gatedAccuracy + " vs ungated " + denseAccuracy);
    }
}
