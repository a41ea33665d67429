package io.dgating.experiments.simulation;

import java.io.Serializable;

/**
 * One fit of one simulated problem.
 *
 * @param curve {@code group lasso} or {@code D = d}
 * @param lambda penalty strength
 * @param seed the problem's seed
 * @param estimationError {@code ||beta_hat - beta||_2}
 * @param truePositives informative groups kept
 * @param falsePositives uninformative groups kept
 * @param testRmse root mean squared prediction error on the test rows (noise included)
 * @param maxDiffToGroupLasso for D = 2, the largest absolute coefficient difference to the group
 *     lasso on the same problem and lambda; NaN otherwise
 * @param kktViolation for the group lasso, the solver's final KKT violation; NaN otherwise
 * @param seconds fit time
 * @serial exclude (sent between JVMs of one version only, e.g. from cluster tasks to the driver)
 */
public record SimulationPoint(
        String curve,
        double lambda,
        long seed,
        double estimationError,
        int truePositives,
        int falsePositives,
        double testRmse,
        double maxDiffToGroupLasso,
        double kktViolation,
        double seconds)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Returns this fit with another fit time: the one field in which two runs may differ, which
     * comparisons of runs set to one value.
     *
     * @param s the fit time
     * @return the fit
     */
    public SimulationPoint withSeconds(double s) {
        return new SimulationPoint(
                curve,
                lambda,
                seed,
                estimationError,
                truePositives,
                falsePositives,
                testRmse,
                maxDiffToGroupLasso,
                kktViolation,
                s);
    }
}
