package io.dgating.experiments;

import io.dgating.api.engine.Engine;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.engine.EngineRegistry;
import io.dgating.experiments.distributed.DistributedJob;
import java.io.Serializable;

/**
 * An experiment as a cluster executor runs it: each task finds the engines on its own class path,
 * starts the named one on the task's cores, and runs one unit.
 *
 * @param experiment the experiment
 * @param engine the engine's name ({@code auto}: the default)
 * @param config the engine's settings; a task without an explicit thread count uses its own cores
 * @param <U> a unit of work
 * @param <R> what a unit gives
 */
record ExperimentJob<U extends Serializable, R extends Serializable>(
        Experiment<U, R, ?> experiment, String engine, EngineConfig config) implements DistributedJob<U, R> {

    private static final long serialVersionUID = 1L;

    @Override
    public R run(U unit, int threads) {
        try (Engine e = EngineRegistry.fromServiceLoader().create(engine, config.forCores(threads))) {
            return experiment.run(unit, e);
        }
    }
}
