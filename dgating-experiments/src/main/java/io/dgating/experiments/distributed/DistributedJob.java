package io.dgating.experiments.distributed;

import java.io.Serializable;

/**
 * An experiment's work, sent to wherever its units run (another machine's JVM): it holds only what
 * it needs to rebuild the data, model, settings and engine there, and runs one unit. Implementations
 * are serialisable and deterministic: {@code run} on any JVM with the same engine gives the same
 * result as on this one, so a unit may run again (a lost or speculative task) without changing it.
 *
 * @param <U> a unit of work (a path's chain, a simulation's seed and lambda)
 * @param <R> what a unit produces
 */
public interface DistributedJob<U extends Serializable, R extends Serializable> extends Serializable {

    /**
     * Runs one unit.
     *
     * @param unit the unit
     * @param threads cores this unit may use (0 = all of the machine's); an engine thread count the
     *     user set explicitly takes precedence
     * @return its result
     */
    R run(U unit, int threads);
}
