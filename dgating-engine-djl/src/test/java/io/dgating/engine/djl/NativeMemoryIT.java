package io.dgating.engine.djl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.EpochStats;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingListener;
import io.dgating.api.train.TrainingRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every array a DJL step creates is released: over an 80-epoch run (digits, 1,078 training rows,
 * batch 32: 34 steps per epoch) the process's resident memory grows by less than 32 MB between
 * epoch 40 and epoch 80. The test JVM has a fixed, pre-touched heap (see the pom), so that Java
 * heap pages touched late do not count as growth. The native allocator keeps growing its pools
 * for the first ~50 epochs and then stays flat (measured over 200 epochs: +15 MB from epoch 10 to
 * 50, then within 5 MB up to epoch 200; 4 to 32 MB from epoch 10 to 50 over 32 runs, the high end
 * with MALLOC_PERTURB_), so the window starts after that warm-up. A leak of the step arrays
 * (activations, gradients, collapsed weights of a 64-256-128-10 MLP: about 0.5 MB per step)
 * would add hundreds of MB over the window's 1,360 steps.
 */
class NativeMemoryIT {

    private static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    @Test
    void residentMemoryStaysFlatOverFiftyEpochs() {
        assumeTrue(rssKb() > 0, "needs /proc/self/status (Linux) to read resident memory");
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.DIGITS.load(), 0.2, 0.2, 1).standardized();
        ModelSpec model = ModelSpec.mlp(64, List.of(256, 128), 10, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig gating = GatingConfig.builder()
                .depth(3)
                .lambda(0.001)
                .gate("dense1", GroupKind.INPUT_FEATURES)
                .gate("dense2", GroupKind.NEURONS)
                .build();
        List<Long> rss = new ArrayList<>();
        try (DjlEngine engine = new DjlEngine(new EngineConfig(2, "cpu"))) {
            engine.train(TrainingRequest.of(
                            model,
                            gating,
                            TrainingConfig.builder()
                                    .epochs(80)
                                    .batchSize(32)
                                    .learningRate(0.05)
                                    .build(),
                            data)
                    .withListener(new TrainingListener() {
                        @Override
                        public void onEpoch(EpochStats s) {
                            rss.add(rssKb());
                        }
                    }));
        }
        long growthKb = rss.get(79) - rss.get(39);
        System.out.printf(
                "djl resident memory: epoch 1 %d MB, epoch 40 %d MB, epoch 80 %d MB (growth %d MB)%n",
                rss.get(0) / 1024, rss.get(39) / 1024, rss.get(79) / 1024, growthKb / 1024);
        assertTrue(
                growthKb < 32 * 1024, "resident memory grew by " + growthKb / 1024 + " MB from epoch 40 to 80: " + rss);
    }
}
