package io.dgating.experiments;

import io.dgating.api.engine.Engine;
import java.io.Serializable;
import java.util.List;

/**
 * An experiment whose work splits into independent units: a path's chains, the simulation's
 * (seed, lambda) fits, feature selection's (dataset, method) runs. It holds resolved settings only
 * (data sources, models, gatings, training settings), is serializable, and every unit is a
 * deterministic function of it, so a unit gives the same result in this JVM or in a cluster's task.
 * {@link ExperimentRunner} runs the units and gathers their results.
 *
 * @param <U> a unit of work
 * @param <R> what a unit gives
 * @param <O> what the experiment gives, gathered from every unit's result
 */
public interface Experiment<U extends Serializable, R extends Serializable, O> extends Serializable {

    /** {@return the units, in the order {@link #gather} expects their results} */
    List<U> units();

    /**
     * Runs one unit. May be called from several threads at once, with one engine or several.
     *
     * @param unit the unit
     * @param engine the engine to train on, owned by the caller
     * @return its result
     */
    R run(U unit, Engine engine);

    /**
     * Combines the results of every unit, in the order of {@link #units()}.
     *
     * @param results one result per unit
     * @return the experiment's outcome
     */
    O gather(List<R> results);
}
