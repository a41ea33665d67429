package io.dgating.eval.path;

import java.io.Serializable;

/**
 * A path's work, sent to wherever its chains run (another thread, or another machine's JVM): it
 * holds only what it needs to rebuild the data, model, settings and engine there, and runs one chain.
 * Implementations are serialisable and deterministic: {@code run} on any JVM with the same engine
 * gives the same points as on this one.
 */
public interface PathJob extends Serializable {

    /**
     * Runs one chain of the path.
     *
     * @param chain the chain, one of {@link PathRunner#chains(PathSpec)} of this job's path
     * @param threads cores this chain may use (0 = all of the machine's); an engine thread count the
     *     user set explicitly takes precedence
     * @return its points (and models, when the path benchmarks)
     */
    ChainResult run(PathChain chain, int threads);
}
