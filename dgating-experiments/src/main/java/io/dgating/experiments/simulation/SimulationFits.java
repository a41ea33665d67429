package io.dgating.experiments.simulation;

import java.io.Serializable;
import java.util.List;

/**
 * What one unit of the simulation produced.
 *
 * @param unit the seed and lambda
 * @param points the group lasso's point, then one per D
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record SimulationFits(SimulationUnit unit, List<SimulationPoint> points) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Copies the list.
     *
     * @param unit the seed and lambda
     * @param points the group lasso's point, then one per D
     */
    public SimulationFits {
        points = List.copyOf(points);
    }
}
