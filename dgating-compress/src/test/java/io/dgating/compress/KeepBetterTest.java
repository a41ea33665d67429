package io.dgating.compress;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.FineTuner;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FineTuner#keepBetter}: the model with the better validation accuracy wins, in either role. */
class KeepBetterTest {

    @Test
    void theBetterValidationScoreWins() {
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.WINE.load(), 0.3, 0.2, 4).standardized();
        ModelSpec model = ModelSpec.mlp(13, List.of(8), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        TrainingResult weak;
        TrainingResult strong;
        try (CpuEngine e = new CpuEngine(new EngineConfig(1, "cpu"))) {
            weak = e.train(TrainingRequest.of(
                    model,
                    GatingConfig.none(),
                    TrainingConfig.builder().epochs(1).learningRate(0.0005).build(),
                    data));
            strong = e.train(TrainingRequest.of(
                    model,
                    GatingConfig.none(),
                    TrainingConfig.builder().epochs(40).learningRate(0.05).build(),
                    data));
        }
        assertTrue(
                strong.metrics(Split.VALIDATION).accuracy()
                        > weak.metrics(Split.VALIDATION).accuracy(),
                "the test needs two models that differ on validation");
        assertSame(strong, FineTuner.keepBetter(weak, strong), "fine-tuning helped: keep it");
        assertSame(strong, FineTuner.keepBetter(strong, weak), "fine-tuning hurt: keep the model before it");
        assertSame(strong, FineTuner.keepBetter(strong, strong));
    }
}
