package io.dgating.experiments.distributed;

import java.io.Serializable;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the independent units of an experiment somewhere other than the caller's thread pool, for
 * example as tasks of a cluster. Units may run in any order, several times (a lost or speculative
 * task), and on different machines; the executor returns exactly one result per unit, in the order
 * given.
 */
public interface DistributedExecutor extends AutoCloseable {

    /**
     * Runs every unit.
     *
     * @param <U> the unit type
     * @param <R> the result type
     * @param job the experiment's work, sent to where the units run
     * @param units the units
     * @param finished receives each unit's result as it arrives (in the calling thread), for progress
     * @return one result per unit, in the order of {@code units}
     * @throws RuntimeException if a unit failed for good (after the executor's retries)
     */
    <U extends Serializable, R extends Serializable> List<R> runAll(
            DistributedJob<U, R> job, List<U> units, Consumer<R> finished);

    /** {@return what runs the units, for reports, e.g. {@code Spark 4.0.1 on local[2] (2 task slots)}} */
    String describe();

    /** Releases the executor's resources (a cluster connection). */
    @Override
    void close();
}
