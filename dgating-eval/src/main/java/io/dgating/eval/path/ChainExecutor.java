package io.dgating.eval.path;

import java.util.List;

/**
 * Runs the chains of a path somewhere other than the caller's thread pool, for example as tasks of
 * a cluster. Chains may run in any order, several times (a lost or speculative task), and on
 * different machines; the executor returns exactly one result per chain, in the order given.
 */
public interface ChainExecutor extends AutoCloseable {

    /**
     * Runs every chain.
     *
     * @param job the path's work, sent to where the chains run
     * @param chains the chains
     * @return one result per chain, in the order of {@code chains}
     * @throws RuntimeException if a chain failed for good (after the executor's retries)
     */
    List<ChainResult> runAll(PathJob job, List<PathChain> chains);

    /** {@return what runs the chains, for reports, e.g. {@code Spark 4.0.1 on local[2]}} */
    String describe();

    /** Releases the executor's resources (a cluster connection). */
    @Override
    void close();
}
