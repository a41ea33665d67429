package io.dgating.experiments.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Architectures;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.FineTuning;
import io.dgating.api.train.TrainingConfig;
import io.dgating.bench.LatencyBenchmark;
import io.dgating.experiments.Runs;
import io.dgating.runtime.Provider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three filter-pruning baselines and D-Gating in one path on a small VGG over the bundled
 * 8 x 8 digits: magnitude and slimming remove exactly their ratio of filters (gates frozen during
 * fine-tuning keep it), L21 removes more filters at a larger lambda, every point is fine-tuned, its
 * compact export is measured in ONNX Runtime, and the report shows every curve.
 */
class FilterBaselinesPathIT {

    @TempDir
    Path dir;

    @Test
    void baselinesShareTheHarness() throws Exception {
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.DIGITS.load(), 0.2, 0.2, 1).standardized();
        ModelSpec model = Architectures.vgg(data.train().sampleShape(), List.of("8", "8", "M", "12"), 10);
        GatingConfig template =
                GatingConfig.builder().gateFilters(model, GroupKind.FILTERS).build();
        TrainingConfig training = TrainingConfig.builder()
                .epochs(3)
                .batchSize(32)
                .learningRate(0.05)
                .seed(4)
                .build();
        // L21 has its own grid: D-Gating trains at 0.05 only
        PathSpec spec = new PathSpec(
                List.of(3),
                new double[] {0.05},
                false,
                2,
                List.of(PathMethod.D_GATING, PathMethod.MAGNITUDE, PathMethod.L21, PathMethod.SLIMMING),
                Optional.of(new FineTuning(2, 0.01)),
                new double[] {0.25, 0.5},
                1e-3,
                new double[] {3, 0.3});
        List<PathPoint> points;
        points = Runs.local(
                PathExperiment.on(
                        data,
                        model,
                        template,
                        training,
                        spec,
                        Optional.of(new LatencyBenchmark(List.of(1, 16), 2, 5, 1, 2, Provider.CPU))),
                2,
                spec.parallelism());
        assertEquals(1 + 2 + 2 + 2, points.size());
        assertEquals(
                List.of(0.05),
                points.stream()
                        .filter(p -> p.method() == PathMethod.D_GATING)
                        .map(PathPoint::lambda)
                        .toList());
        for (PathPoint p : points) {
            assertFalse(Double.isNaN(p.testScoreBeforeFineTuning()), p.curve() + ": fine-tuned");
            assertEquals(2, p.measuredSpeedup().size(), p.curve() + ": measured at two batch sizes");
            if (p.method().prunesAtRatio()) {
                // better than chance (0.1): no layer lost every channel, so the model is not a constant
                assertTrue(p.testScore() > 0.15, p.curve() + " " + p.lambda() + ": test accuracy " + p.testScore());
                // 28 filter groups: 7 or 14 removed, and frozen gates keep them removed
                assertEquals(
                        Math.round(28 * (1 - p.lambda())),
                        Math.round(28 * p.groupShare()),
                        p.curve() + " " + p.lambda());
                assertTrue(p.theoreticalSpeedup() > 1.0, p.curve() + ": fewer multiply-adds");
            }
        }
        List<PathPoint> l21 =
                points.stream().filter(p -> p.method() == PathMethod.L21).toList();
        assertEquals(List.of(0.3, 3.0), l21.stream().map(PathPoint::lambda).toList(), "L21 trains at its own grid");
        assertTrue(
                l21.get(1).groupShare() < l21.get(0).groupShare(),
                "L21 at lambda 3 removes more filters than at 0.3: "
                        + l21.get(0).groupShare() + " vs " + l21.get(1).groupShare());
        PathReport.write(dir, points, Map.of("dataset", "digits"), true);
        String md = Files.readString(dir.resolve("report.md"));
        for (String curve :
                List.of("D = 3", "magnitude", "L21 + magnitude", "network slimming", "measured speed-up, batch 16")) {
            assertTrue(md.contains(curve), "report shows " + curve);
        }
    }
}
