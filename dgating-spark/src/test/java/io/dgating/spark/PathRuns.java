package io.dgating.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dgating.api.data.DataSource;
import io.dgating.api.data.Task;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.api.gating.GatingPreset;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.TrainingConfig;
import io.dgating.experiments.Experiment;
import io.dgating.experiments.ExperimentRunner;
import io.dgating.experiments.distributed.DistributedExecutor;
import io.dgating.experiments.distributed.DistributedExecutors;
import io.dgating.experiments.path.PathExperiment;
import io.dgating.experiments.path.PathPoint;
import io.dgating.experiments.path.PathSpec;
import java.io.Serializable;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/** Builds wine paths and runs experiments in this JVM or on Spark, through the library as a service would. */
final class PathRuns {

    private PathRuns() {}

    /**
     * Returns a path of the default MLP (64-32 ReLU) gating the inputs of a 13-feature, 3-class table.
     *
     * @param data the table: a bundled name, a file or a URI
     * @param label its label column
     * @param depths the D values
     * @param lambdas the grid, {@code FROM:TO:COUNT} or a list
     * @param epochs epochs per training
     * @param warmStart whether each lambda starts from the previous one's parameters
     * @return the experiment
     */
    static PathExperiment winePath(
            String data, String label, List<Integer> depths, String lambdas, int epochs, boolean warmStart) {
        double[] grid = PathSpec.parseLambdas(lambdas);
        ModelSpec model = ModelSpec.mlp(13, List.of(64, 32), 3, Activation.RELU, Head.SOFTMAX_CROSS_ENTROPY);
        return PathExperiment.of(
                new DataSource(data, label, Task.CLASSIFICATION, "", 0.2, 0.2, true),
                OptionalInt.empty(),
                model,
                GatingPreset.of(GatingPreset.What.INPUTS).gating(model, depths.get(0), grid[0], OptionalDouble.empty()),
                TrainingConfig.builder()
                        .epochs(epochs)
                        .batchSize(32)
                        .learningRate(0.05)
                        .seed(42)
                        .build(),
                new PathSpec(depths, grid, warmStart, 2),
                Optional.empty());
    }

    /** Runs an experiment in this JVM on the CPU engine, two units at a time. */
    static <U extends Serializable, R extends Serializable, O> O local(Experiment<U, R, O> e) {
        return ExperimentRunner.local(EngineRegistry.fromServiceLoader(), "cpu", EngineConfig.defaults(), 2)
                .run(e, r -> {});
    }

    /** Runs an experiment on Spark, on the CPU engine of every task. */
    static <U extends Serializable, R extends Serializable, O> O onSpark(
            Experiment<U, R, O> e, String master, Map<String, String> conf) {
        try (DistributedExecutor spark = DistributedExecutors.open("spark", master, conf)) {
            return ExperimentRunner.distributed(
                            EngineRegistry.fromServiceLoader(), "cpu", EngineConfig.defaults(), spark)
                    .run(e, r -> {});
        }
    }

    /** Points without their training times (the only field allowed to differ between runs). */
    static List<PathPoint> untimed(List<PathPoint> points) {
        return points.stream().map(p -> p.withSeconds(0)).toList();
    }

    /** Asserts that no (method, D, lambda) occurs twice. */
    static void assertEveryPointOnce(List<PathPoint> points, int expected) {
        Set<String> keys = new HashSet<>();
        for (PathPoint p : points) {
            String key = p.method() + "/" + p.depth() + "/" + p.lambda();
            assertEquals(true, keys.add(key), "point " + key + " twice");
        }
        assertEquals(expected, keys.size());
    }
}
