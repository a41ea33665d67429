package io.dgating.experiments.simulation;

import io.dgating.api.ParamRef;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.Engine;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.experiments.Experiment;
import io.dgating.experiments.baseline.GroupLassoFit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The paper's sparse-regression simulation: for every seed a fresh problem, for every lambda the
 * group lasso (solved directly) and the gated linear model at each D (trained full-batch from the
 * same initialisation), each scored by estimation error, support recovery and test error.
 */
public final class SimulationExperiment implements Experiment<SimulationUnit, SimulationFits, List<SimulationPoint>> {

    private static final long serialVersionUID = 1L;

    /** Curve name of the directly solved group lasso. */
    public static final String GROUP_LASSO = "group lasso";

    /** Name of the linear layer. */
    static final String LAYER = "linear";

    private final SimulationSettings settings;

    /**
     * Creates the experiment.
     *
     * @param settings the problem, the grid and the training
     */
    public SimulationExperiment(SimulationSettings settings) {
        this.settings = settings;
    }

    /**
     * Splits the simulation into independent units: one per seed and lambda (the group lasso and every D).
     *
     * @return the units, seeds outer, lambdas inner
     */
    @Override
    public List<SimulationUnit> units() {
        List<SimulationUnit> units = new ArrayList<>();
        for (long seed : settings.seeds()) {
            for (double lambda : settings.lambdas()) {
                units.add(new SimulationUnit(seed, lambda));
            }
        }
        return units;
    }

    /** Fits one unit: draws the seed's problem, solves its group lasso and trains every D. */
    @Override
    public SimulationFits run(SimulationUnit unit, Engine engine) {
        SimulationSettings s = settings;
        GroupRegressionProblem problem = GroupRegressionProblem.draw(
                s.n(), s.nTest(), s.groups(), s.size(), s.informative(), s.noise(), unit.seed());
        return new SimulationFits(unit, fitAll(engine, s, problem, unit.seed(), unit.lambda()));
    }

    /** {@return the problem, the grid and the training} */
    public SimulationSettings settings() {
        return settings;
    }

    /**
     * Orders the points of all units.
     *
     * @param fits every unit's result, from any executor
     * @return the points, ordered by curve, lambda, seed
     */
    @Override
    public List<SimulationPoint> gather(List<SimulationFits> fits) {
        List<SimulationPoint> all = new ArrayList<>();
        fits.forEach(f -> all.addAll(f.points()));
        all.sort(Comparator.comparing(SimulationPoint::curve)
                .thenComparingDouble(SimulationPoint::lambda)
                .thenComparingLong(SimulationPoint::seed));
        return all;
    }

    /**
     * Returns the gated linear model of a problem.
     *
     * @param problem the problem
     * @return one dense layer, one output, squared error
     */
    static ModelSpec model(GroupRegressionProblem problem) {
        return new ModelSpec(
                problem.beta().length, List.of(new Dense(LAYER, 1, Activation.IDENTITY, true)), Head.SQUARED_ERROR);
    }

    private static List<SimulationPoint> fitAll(
            Engine engine, SimulationSettings s, GroupRegressionProblem problem, long seed, double lambda) {
        ModelSpec model = model(problem);
        DatasetSplits data = problem.splits();
        List<SimulationPoint> out = new ArrayList<>();
        long start = System.nanoTime();
        GatingConfig d2 = gating(problem, 2, lambda, s.eps());
        TrainingResult gl = GroupLassoFit.fit(model, d2, s.training(), data);
        double[] glWeights = weights(gl);
        out.add(point(GROUP_LASSO, lambda, seed, problem, gl, Double.NaN, start));
        for (int d : s.depths()) {
            long t0 = System.nanoTime();
            TrainingResult r =
                    engine.train(TrainingRequest.of(model, gating(problem, d, lambda, s.eps()), s.training(), data));
            double diff = Double.NaN;
            if (d == 2) {
                double[] w = weights(r);
                diff = 0;
                for (int k = 0; k < w.length; k++) {
                    diff = Math.max(diff, Math.abs(w[k] - glWeights[k]));
                }
            }
            out.add(point("D = " + d, lambda, seed, problem, r, diff, t0));
        }
        return out;
    }

    private static GatingConfig gating(GroupRegressionProblem problem, int depth, double lambda, double eps) {
        return GatingConfig.builder()
                .depth(depth)
                .lambda(lambda)
                .eps(eps)
                .gate(new GateSpec(LAYER, GroupKind.INPUT_FEATURES, problem.groupOf()))
                .build();
    }

    /**
     * Returns the collapsed coefficients; groups below eps count as removed and are zero.
     *
     * @param r a fitted model
     * @return the coefficients the compact model uses
     */
    static double[] weights(TrainingResult r) {
        float[] w = r.collapsed().get(new ParamRef(LAYER, ParamRef.WEIGHT)).data();
        double[] norms = r.groupReports().get(0).norms();
        int[] groupOf = r.gating().gateOf(LAYER).featureGroups();
        double[] out = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            out[k] = norms[groupOf[k]] >= r.gating().eps() ? w[k] : 0;
        }
        return out;
    }

    private static SimulationPoint point(
            String curve,
            double lambda,
            long seed,
            GroupRegressionProblem problem,
            TrainingResult r,
            double diff,
            long startNanos) {
        double[] w = weights(r);
        double[] beta = problem.beta();
        double err = 0;
        for (int k = 0; k < w.length; k++) {
            err += (w[k] - beta[k]) * (w[k] - beta[k]);
        }
        double[] norms = r.groupReports().get(0).norms();
        int tp = 0;
        int fp = 0;
        for (int j = 0; j < norms.length; j++) {
            if (norms[j] >= r.gating().eps()) {
                if (j < problem.informative()) {
                    tp++;
                } else {
                    fp++;
                }
            }
        }
        String kkt = r.provenance().get("solver.kktViolation");
        return new SimulationPoint(
                curve,
                lambda,
                seed,
                Math.sqrt(err),
                tp,
                fp,
                r.metrics(Split.TEST).rmse(),
                diff,
                kkt == null ? Double.NaN : Double.parseDouble(kkt),
                (System.nanoTime() - startNanos) / 1e9);
    }
}
