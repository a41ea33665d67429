package io.dgating.experiments.path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.data.BundledDataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.experiments.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathIT {

    @TempDir
    Path dir;

    @Test
    void groupsKeptDoNotGrowWithLambdaAndTheReportIsWritten() throws Exception {
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.WINE.load(), 0.2, 0.2, 2).standardized();
        ModelSpec model = ModelSpec.mlp(13, List.of(16), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig template =
                GatingConfig.builder().gate("dense1", GroupKind.INPUT_FEATURES).build();
        TrainingConfig training = TrainingConfig.builder()
                .epochs(60)
                .batchSize(16)
                .learningRate(0.05)
                .seed(3)
                .build();
        double[] lambdas = PathSpec.parseLambdas("0.003:0.5:7");
        List<PathPoint> points;
        List<PathPoint> sequential;
        points = Runs.local(
                PathExperiment.on(
                        data, model, template, training, new PathSpec(List.of(3), lambdas, false, 2), Optional.empty()),
                2,
                2);
        sequential = Runs.local(
                PathExperiment.on(
                        data, model, template, training, new PathSpec(List.of(3), lambdas, false, 1), Optional.empty()),
                2,
                1);
        assertEquals(7, points.size());
        for (int i = 1; i < points.size(); i++) {
            int before = points.get(i - 1).groupsKept().get("dense1");
            int after = points.get(i).groupsKept().get("dense1");
            assertTrue(
                    after <= before + 1,
                    "groups kept grew from " + before + " to " + after + " at lambda "
                            + points.get(i).lambda());
            assertTrue(points.get(i).lambda() > points.get(i - 1).lambda());
        }
        assertTrue(
                points.get(0).groupsKept().get("dense1")
                        > points.get(6).groupsKept().get("dense1"),
                "the grid should span from many to few features");
        // parallel runs give exactly the sequential path: every run is seeded
        for (int i = 0; i < points.size(); i++) {
            assertEquals(points.get(i).groupsKept(), sequential.get(i).groupsKept());
            assertEquals(points.get(i).testScore(), sequential.get(i).testScore());
        }
        List<Path> files = PathReport.write(dir, points, Map.of("dataset", "wine"), true);
        for (Path f : files) {
            assertTrue(Files.size(f) > 0, f + " is empty");
        }
        byte[] png = Files.readAllBytes(dir.resolve("accuracy-vs-groups.png"));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
        assertTrue(Files.readString(dir.resolve("accuracy-vs-speedup.svg")).contains("<svg"));
        assertEquals(8, Files.readAllLines(dir.resolve("path.csv")).size());
    }

    @Test
    void warmStartedChainsRunAndParseLambdaGrids() {
        double[] grid = PathSpec.parseLambdas("1e-5:1e-1:5");
        assertEquals(1e-5, grid[0], 1e-18);
        assertEquals(1e-4, grid[1], 1e-15);
        assertEquals(1e-1, grid[4], 1e-12);
        assertArrayEquals(new double[] {0.1, 0.2}, PathSpec.parseLambdas("0.1, 0.2"));
        DatasetSplits data =
                DatasetSplits.random(BundledDataset.IRIS.load(), 0.2, 0.2, 2).standardized();
        ModelSpec model = ModelSpec.mlp(4, List.of(8), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig template =
                GatingConfig.builder().gate("dense1", GroupKind.INPUT_FEATURES).build();
        List<PathPoint> points = Runs.local(
                PathExperiment.on(
                        data,
                        model,
                        template,
                        TrainingConfig.builder().epochs(10).batchSize(16).build(),
                        new PathSpec(List.of(2, 4), new double[] {0.01, 0.1}, true, 2),
                        Optional.empty()),
                1,
                2);
        assertEquals(List.of(2, 2, 4, 4), points.stream().map(PathPoint::depth).toList());
    }
}
