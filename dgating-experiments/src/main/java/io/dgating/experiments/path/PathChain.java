package io.dgating.experiments.path;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of work of a path: the trainings that must run in order on one machine. With warm starts
 * that is one method and D over all its lambdas (each training starts from the previous one's
 * parameters); a prune-ratio baseline is one plain training pruned at every ratio; otherwise a chain
 * is a single training. Chains are independent of each other, so they run in any order and any
 * number at once, and running a chain again gives the same points bit for bit (every training is
 * seeded), which is what makes re-running a lost or speculative task safe.
 *
 * @param method how the chain's models are found
 * @param depth D (2 for the methods without one)
 * @param values the lambdas (ascending) or, for the prune-ratio baselines, the prune ratios
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record PathChain(PathMethod method, int depth, List<Double> values) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the values.
     *
     * @param method how the chain's models are found
     * @param depth D (2 for the methods without one)
     * @param values the lambdas (ascending) or, for the prune-ratio baselines, the prune ratios
     * @throws IllegalArgumentException if there are no values
     */
    public PathChain {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a chain needs at least one lambda or prune ratio");
        }
    }

    /** {@return a name that identifies the chain within its path, e.g. {@code d-gating D=3 lambda=0.001..0.1}} */
    public String key() {
        String v = values.size() == 1
                ? String.valueOf(values.get(0))
                : values.get(0) + ".." + values.get(values.size() - 1);
        return method.label() + " D=" + depth + (method.prunesAtRatio() ? " ratio=" : " lambda=") + v;
    }
}
