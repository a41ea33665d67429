package io.dgating.experiments.simulation;

import java.io.Serializable;

/**
 * One independent unit of the simulation: a seed's problem at one lambda, fitted by the group lasso
 * and every D.
 *
 * @param seed the problem's seed
 * @param lambda the penalty
 * @serial exclude (sent between JVMs of one version only, e.g. from the driver to cluster tasks)
 */
public record SimulationUnit(long seed, double lambda) implements Serializable {

    private static final long serialVersionUID = 1L;
}
