package io.dgating.experiments;

import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.experiments.distributed.DistributedExecutor;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs an experiment's units where the caller says: in this JVM, a number of them at a time on one
 * engine with a share of the cores each, or as tasks of a {@link DistributedExecutor} (each task on
 * an engine of its own). Either way the results come back in unit order, so an experiment gives the
 * same outcome wherever it runs.
 */
public final class ExperimentRunner {

    private final EngineRegistry engines;
    private final String engine;
    private final EngineConfig config;
    private final int parallelism;
    private final DistributedExecutor cluster;
    private String ranOn = "";

    private ExperimentRunner(
            EngineRegistry engines, String engine, EngineConfig config, int parallelism, DistributedExecutor cluster) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("units at a time must be >= 1, got " + parallelism);
        }
        this.engines = engines;
        this.engine = engine;
        this.config = config;
        this.parallelism = parallelism;
        this.cluster = cluster;
    }

    /**
     * Returns a runner of units in this JVM.
     *
     * @param engines the engines on the class path
     * @param engine the engine's name ({@code auto}: the default)
     * @param config its settings; unless they fix the threads, the units at a time share the cores
     * @param parallelism units at a time
     * @return the runner
     */
    public static ExperimentRunner local(EngineRegistry engines, String engine, EngineConfig config, int parallelism) {
        return new ExperimentRunner(engines, engine, config, parallelism, null);
    }

    /**
     * Returns a runner of units as tasks of a cluster; every task starts its own engine.
     *
     * @param engines the engines on this machine's class path (to name the engine in reports)
     * @param engine the engine's name ({@code auto}: the default)
     * @param config its settings; unless they fix the threads, a task uses its own cores
     * @param cluster the executor, owned by the caller
     * @return the runner
     */
    public static ExperimentRunner distributed(
            EngineRegistry engines, String engine, EngineConfig config, DistributedExecutor cluster) {
        return new ExperimentRunner(engines, engine, config, 1, cluster);
    }

    /**
     * Runs every unit and gathers the results.
     *
     * @param experiment the experiment
     * @param finished receives every unit's result as it finishes (from worker threads)
     * @param <U> a unit of work
     * @param <R> what a unit gives
     * @param <O> the experiment's outcome
     * @return the outcome
     */
    public <U extends Serializable, R extends Serializable, O> O run(
            Experiment<U, R, O> experiment, Consumer<R> finished) {
        List<U> units = experiment.units();
        if (cluster != null) {
            ranOn = engines.select(engine).name() + " on every task, " + cluster.describe();
            return experiment.gather(cluster.runAll(new ExperimentJob<>(experiment, engine, config), units, finished));
        }
        int workers = Math.min(parallelism, Math.max(1, units.size()));
        try (Engine e = engines.create(engine, config.sharedBy(workers))) {
            ranOn = e.describe();
            List<Callable<List<R>>> tasks = new ArrayList<>();
            for (U u : units) {
                tasks.add(() -> {
                    R r = experiment.run(u, e);
                    finished.accept(r);
                    return List.of(r);
                });
            }
            return experiment.gather(ParallelRuns.all(workers, tasks, "experiment"));
        }
    }

    /** {@return what the last run trained on, for reports: the engine, or the engine on every task of the cluster} */
    public String ranOn() {
        return ranOn;
    }

    /** {@return where the units run: {@code N at a time}, or the cluster's description} */
    public String describe() {
        return Optional.ofNullable(cluster).map(DistributedExecutor::describe).orElse(parallelism + " at a time");
    }

    /** {@return whether the units run on a cluster} */
    public boolean isDistributed() {
        return cluster != null;
    }
}
