package io.dgating.experiments.featsel;

import java.io.Serializable;
import java.util.List;

/**
 * What one unit of the feature-selection experiment produced.
 *
 * @param unit the dataset and method
 * @param steps the method's path points
 * @param rows the models selected from them
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record FeatselFits(FeatselUnit unit, List<PathStep> steps, List<FeatselRow> rows) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the lists.
     *
     * @param unit the dataset and method
     * @param steps the method's path points
     * @param rows the models selected from them
     */
    public FeatselFits {
        steps = List.copyOf(steps);
        rows = List.copyOf(rows);
    }
}
