package io.dgating.experiments.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.dgating.api.data.DataSource;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.experiments.Runs;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How a path splits into chains, and that chains run anywhere, in any order, any number of times, give the local path. */
class PathChainsTest {

    @Test
    void chainsHoldEveryPointOnceAndKeepWarmStartsTogether() {
        double[] lambdas = {0.01, 0.1, 0.001};
        List<PathChain> cold = PathRunner.chains(new PathSpec(List.of(2, 3), lambdas, false, 1));
        assertEquals(6, cold.size(), "without warm starts every training is its own chain");
        List<PathChain> warm = PathRunner.chains(new PathSpec(List.of(2, 3), lambdas, true, 1));
        assertEquals(2, warm.size(), "one chain per D");
        assertEquals(List.of(0.001, 0.01, 0.1), warm.get(1).values(), "lambdas ascending inside a chain");
        assertEquals(3, warm.get(1).depth());
        for (List<PathChain> chains : List.of(cold, warm)) {
            Set<String> points = new HashSet<>();
            chains.forEach(c -> c.values()
                    .forEach(v -> assertEquals(
                            true, points.add(c.depth() + "@" + v), "point " + c.depth() + "@" + v + " in two chains")));
            assertEquals(6, points.size());
        }
        List<PathChain> baselines = PathRunner.chains(new PathSpec(
                List.of(2),
                lambdas,
                true,
                1,
                List.of(PathMethod.D_GATING, PathMethod.MAGNITUDE, PathMethod.L21),
                Optional.empty()));
        assertEquals(
                List.of(PathMethod.D_GATING, PathMethod.MAGNITUDE, PathMethod.L21, PathMethod.L21, PathMethod.L21),
                baselines.stream().map(PathChain::method).toList(),
                "magnitude prunes one training at every ratio (one chain); L21 trains once per lambda");
        assertEquals(
                PathSpec.DEFAULT_PRUNE_RATIOS.length, baselines.get(1).values().size());
        assertThrows(IllegalArgumentException.class, () -> new PathChain(PathMethod.D_GATING, 2, List.of()));
    }

    @Test
    void chainsRunOutOfOrderRetriedAndOnTheirOwnEnginesGiveTheLocalPath() {
        ModelSpec model = ModelSpec.mlp(13, List.of(16), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        GatingConfig template =
                GatingConfig.builder().gate("dense1", GroupKind.INPUT_FEATURES).build();
        TrainingConfig training = TrainingConfig.builder()
                .epochs(30)
                .batchSize(16)
                .learningRate(0.05)
                .seed(3)
                .build();
        PathSpec spec = new PathSpec(List.of(2, 3), PathSpec.parseLambdas("0.01:0.5:3"), true, 2);
        PathExperiment path = PathExperiment.of(
                DataSource.of("wine"), OptionalInt.empty(), model, template, training, spec, Optional.empty());
        List<PathPoint> local = Runs.local(path, 2, spec.parallelism());
        // what a cluster does to a job: settings serialised, an engine per task, one thread each, any
        // order, and a lost attempt run again; the driver keeps one result per chain, in chain order
        List<PathPoint> gathered = Runs.asOnACluster(path);
        assertEquals(6, gathered.size());
        assertEquals(
                local.stream().map(PathChainsTest::untimed).toList(),
                gathered.stream().map(PathChainsTest::untimed).toList());
    }

    private static PathPoint untimed(PathPoint p) {
        return new PathPoint(
                p.method(),
                p.depth(),
                p.lambda(),
                p.groupsKept(),
                p.groupsTotal(),
                p.featuresKept(),
                p.parameterShare(),
                p.theoreticalSpeedup(),
                p.validationScore(),
                p.testScore(),
                p.testScoreBeforeFineTuning(),
                p.denseBytes(),
                p.compactBytes(),
                0,
                p.measuredSpeedup(),
                p.validationLoss());
    }
}
