package io.dgating.experiments.baseline;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.data.Dataset;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.gating.ParameterInitializer;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Metrics;
import io.dgating.api.train.Scoring;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingResult;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Solves the D = 2 problem of a gated linear regression directly, as a group lasso
 * ({@link GroupLasso}, same loss and the same lambda: {@code mean((y - Xw - b)^2) + lambda sum_j ||w_j||}),
 * and returns it as a training result with every gate at 1. Export, reports and paths then
 * treat the solver's model like a trained one, and its zero groups are exactly zero.
 */
public final class GroupLassoFit {

    /** KKT tolerance the solver stops at, in units of the gradient. */
    public static final double TOLERANCE = 1e-7;

    /** Iteration cap; near lambda = 0 with as many features as rows the solver stops here. */
    public static final int MAX_ITERATIONS = 100_000;

    private GroupLassoFit() {}

    /**
     * Checks that the problem is one the solver solves.
     *
     * @param model the architecture
     * @param gating the gating
     * @throws IllegalArgumentException saying what differs from a gated linear regression
     */
    public static void checkApplicable(ModelSpec model, GatingConfig gating) {
        String why = null;
        if (model.head() != Head.SQUARED_ERROR) {
            why = "the task is classification; the solver fits squared-error regression";
        } else if (model.layers().size() != 1
                || !(model.layers().get(0) instanceof Dense d)
                || d.activation() != Activation.IDENTITY
                || d.units() != 1) {
            why = "the model is not a linear model with one output (use --model linear)";
        } else {
            GateSpec g = gating.gateOf(d.name());
            if (g == null
                    || g.kind() != GroupKind.INPUT_FEATURES
                    || gating.gates().size() != 1) {
                why = "the gating is not input-feature groups of the linear layer (use --gate inputs)";
            }
        }
        if (why != null) {
            throw new IllegalArgumentException("group lasso solves gated linear regression only: " + why);
        }
    }

    /**
     * Fits at {@code gating.lambda()}.
     *
     * @param model a linear regression model (see {@link #checkApplicable})
     * @param gating input-feature gating of its layer; depth is reported as 2
     * @param training recorded in the result (only the seed matters: none, the problem is convex)
     * @param data standardised splits, as an engine receives them
     * @return the fitted model, gates 1, with train, validation and test metrics
     */
    public static TrainingResult fit(
            ModelSpec model, GatingConfig gating, TrainingConfig training, DatasetSplits data) {
        checkApplicable(model, gating);
        Dense layer = (Dense) model.layers().get(0);
        GatingConfig d2 = new GatingConfig(2, gating.lambda(), gating.eps(), gating.gates());
        ParamRef weight = layer.weightParam();
        GateGroups groups = d2.groupsOf(model, layer.name());
        Dataset train = data.train();
        int p = train.cols();
        int[] groupOf = groups.groupOfElement(weight, Shape.of(1, p));
        if (Arrays.stream(groupOf).anyMatch(g -> g < 0)) {
            throw new IllegalArgumentException("group lasso needs every input feature in a group");
        }
        double[][] x = new double[train.rows()][p];
        double[] y = new double[train.rows()];
        for (int i = 0; i < train.rows(); i++) {
            for (int k = 0; k < p; k++) {
                x[i][k] = train.feature(i, k);
            }
            y[i] = train.target(i);
        }
        GroupLasso.Solution s = new GroupLasso(x, y, groupOf).solve(gating.lambda(), TOLERANCE, MAX_ITERATIONS);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ParameterInitializer.initialize(model, d2, 0).names().forEach(n -> tensors.put(n, null));
        float[] w = new float[p];
        for (int k = 0; k < p; k++) {
            w[k] = (float) s.weights()[k];
        }
        tensors.put(weight.name(), new Tensor(new int[] {1, p}, w));
        tensors.put(layer.biasParam().name(), new Tensor(new int[] {1}, new float[] {(float) s.intercept()}));
        float[] ones = new float[groups.size()];
        Arrays.fill(ones, 1f);
        tensors.put(ParamRef.gatesOf(layer.name()).name(), new Tensor(new int[] {groups.size(), 1}, ones));
        if (tensors.containsValue(null)) {
            throw new IllegalStateException("linear model has parameters the solver does not set: " + tensors.keySet());
        }
        ParameterSet params = new ParameterSet(tensors);

        Map<Split, Metrics> metrics = new EnumMap<>(Split.class);
        metrics.put(Split.TRAIN, score(data.train(), w, s.intercept()));
        metrics.put(Split.VALIDATION, score(data.validation(), w, s.intercept()));
        metrics.put(Split.TEST, score(data.test(), w, s.intercept()));
        Map<String, String> provenance = new LinkedHashMap<>();
        provenance.put("solver", "group lasso, accelerated proximal gradient (float64)");
        provenance.put("solver.iterations", Integer.toString(s.iterations()));
        provenance.put("solver.kktViolation", String.format(Locale.ROOT, "%.3g", s.kktViolation()));
        return new TrainingResult(
                model,
                d2,
                training,
                params,
                data.standardization(),
                train.featureNames(),
                train.classNames(),
                List.of(),
                metrics,
                provenance);
    }

    private static Metrics score(Dataset data, float[] w, double b) {
        float[] out = new float[data.rows()];
        for (int i = 0; i < data.rows(); i++) {
            double s = b;
            for (int k = 0; k < w.length; k++) {
                s += (double) w[k] * data.feature(i, k);
            }
            out[i] = (float) s;
        }
        return Scoring.of(out, data, Head.SQUARED_ERROR);
    }
}
