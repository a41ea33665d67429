package io.dgating.experiments.featsel;

import java.io.Serializable;

/**
 * One independent unit of the feature-selection experiment: a dataset's lambda path for one method
 * and the models selected from it.
 *
 * @param dataset the dataset's name
 * @param depth D of the gated MLP, or 0 for the baseline's L1-logistic selector
 * @serial exclude (sent between JVMs of one version only, e.g. from the driver to cluster tasks)
 */
public record FeatselUnit(String dataset, int depth) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Validates the depth.
     *
     * @param dataset the dataset's name
     * @param depth D of the gated MLP, or 0 for the baseline's L1-logistic selector
     * @throws IllegalArgumentException if depth is 1 or negative
     */
    public FeatselUnit {
        if (depth != 0 && depth < 2) {
            throw new IllegalArgumentException("depth must be >= 2 (or 0 for the baseline), got " + depth);
        }
    }

    /**
     * Returns the baseline's unit of a dataset.
     *
     * @param dataset the dataset's name
     * @return the unit
     */
    public static FeatselUnit baseline(String dataset) {
        return new FeatselUnit(dataset, 0);
    }

    /** {@return whether this is the L1-logistic selection + MLP baseline} */
    public boolean isBaseline() {
        return depth == 0;
    }
}
