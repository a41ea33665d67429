package io.dgating.cli.command;

import io.dgating.api.engine.EngineRegistry;
import io.dgating.cli.mixin.EngineOptions;
import io.dgating.experiments.Experiment;
import io.dgating.experiments.ExperimentRunner;
import io.dgating.experiments.distributed.DistributedExecutor;
import io.dgating.experiments.distributed.DistributedExecutors;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** {@code --spark [MASTER]} and {@code --spark-conf KEY=VALUE}: run an experiment's units as tasks of Apache Spark. */
final class SparkOptions {

    /** The provider's name in the optional dgating-spark module. */
    static final String PROVIDER = "spark";

    @Option(
            names = "--spark",
            arity = "0..1",
            fallbackValue = "local[*]",
            paramLabel = "MASTER",
            description = "Run the trainings as Apache Spark tasks, one task per independent unit (a path's chain: "
                    + "a warm-started D or one training; a simulation's seed and lambda): local[N] in this JVM, spark://HOST:7077 for a standalone cluster, or any master "
                    + "Spark accepts. Without a value: local[*]. Needs the dgating-spark module (./dgating adds it "
                    + "when it sees this option).")
    String master;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "A Spark setting passed through unchanged, e.g. spark.executor.memory=4g; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    /**
     * Runs an experiment where the options say: on Spark with {@code --spark}, else in this JVM, and
     * closes the connection to the cluster afterwards.
     *
     * @param engines the engines on the class path
     * @param engine the engine options
     * @param parallelism units at a time in this JVM
     * @param experiment the experiment
     * @param finished receives every unit's result as it finishes
     * @param ranOn receives what the units trained on, for the report
     * @param <U> a unit of work
     * @param <R> what a unit gives
     * @param <O> the experiment's outcome
     * @return the outcome
     * @throws IllegalArgumentException if Spark settings were given without {@code --spark}, or the
     *     dgating-spark module is not on the class path
     */
    <U extends Serializable, R extends Serializable, O> O run(
            EngineRegistry engines,
            EngineOptions engine,
            int parallelism,
            Experiment<U, R, O> experiment,
            Consumer<R> finished,
            Consumer<String> ranOn) {
        Optional<DistributedExecutor> cluster = open();
        try {
            ExperimentRunner runner = cluster.map(
                            c -> ExperimentRunner.distributed(engines, engine.engine(), engine.config(), c))
                    .orElseGet(() -> ExperimentRunner.local(engines, engine.engine(), engine.config(), parallelism));
            O outcome = runner.run(experiment, finished);
            ranOn.accept(runner.ranOn());
            return outcome;
        } finally {
            cluster.ifPresent(DistributedExecutor::close);
        }
    }

    /** {@return where units run: the cluster's master, or {@code parallelism at a time}} */
    String where(int parallelism) {
        return master == null ? parallelism + " at a time" : "as tasks of Spark on " + master;
    }

    private Optional<DistributedExecutor> open() {
        if (master == null) {
            if (!conf.isEmpty()) {
                throw new IllegalArgumentException(
                        "--spark-conf " + conf.keySet().iterator().next()
                                + " was given without --spark; add --spark MASTER to run on Spark");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(DistributedExecutors.open(PROVIDER, master, conf));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--spark needs the dgating-spark module and Spark's jars on the class "
                            + "path, which this build of the command does not have; run it through ./dgating from the source "
                            + "tree (it adds them for --spark), or add dgating-spark to your project",
                    e);
        }
    }
}
