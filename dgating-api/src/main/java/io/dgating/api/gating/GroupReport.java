package io.dgating.api.gating;

import java.util.stream.IntStream;

/**
 * Group statistics of one gated layer after training.
 *
 * @param layer layer name
 * @param kind how its weights are grouped
 * @param norms the collapsed norm {@code ||w_j||_2} of every group
 * @param eps the zero threshold the norms are judged against
 */
public record GroupReport(String layer, GroupKind kind, double[] norms, double eps) {

    /**
     * Copies the norms.
     *
     * @param layer layer name
     * @param kind how its weights are grouped
     * @param norms the collapsed norm {@code ||w_j||_2} of every group
     * @param eps the zero threshold the norms are judged against
     */
    public GroupReport {
        norms = norms.clone();
    }

    /** {@return a copy of the norms} */
    @Override
    public double[] norms() {
        return norms.clone();
    }

    /** {@return the number of groups} */
    public int groups() {
        return norms.length;
    }

    /** {@return the number of groups with norm below eps: removable} */
    public int zero() {
        return (int)
                IntStream.range(0, norms.length).filter(j -> norms[j] < eps).count();
    }

    /** {@return the number of groups with {@code eps <= norm < 1e-3}: nearly gone, but kept} */
    public int almostZero() {
        return (int) IntStream.range(0, norms.length)
                .filter(j -> norms[j] >= eps && norms[j] < GatingConfig.ALMOST_ZERO)
                .count();
    }

    /** {@return the number of groups kept (norm at least eps)} */
    public int kept() {
        return norms.length - zero();
    }

    /** {@return the indices of the kept groups in ascending order} */
    public int[] keptIndices() {
        return IntStream.range(0, norms.length).filter(j -> norms[j] >= eps).toArray();
    }
}
