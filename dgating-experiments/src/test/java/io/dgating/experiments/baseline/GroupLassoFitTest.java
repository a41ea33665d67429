package io.dgating.experiments.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.Split;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingResult;
import io.dgating.experiments.simulation.GroupRegressionProblem;
import io.dgating.export.ExportOptions;
import io.dgating.export.OnnxExporter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The group-lasso solver as a training result: its coefficients satisfy the group lasso's
 * optimality conditions (checked by the solver's independent KKT formula on the float32 weights
 * the result holds), its zero groups are the removed groups, and the compact export keeps exactly
 * the non-zero groups' features.
 */
class GroupLassoFitTest {

    private static final GroupRegressionProblem PROBLEM = GroupRegressionProblem.draw(120, 50, 10, 3, 3, 0.5, 7L);
    private static final ModelSpec LINEAR =
            new ModelSpec(30, List.of(new Dense("linear", 1, Activation.IDENTITY, true)), Head.SQUARED_ERROR);

    private static GatingConfig gating(int depth, double lambda) {
        return GatingConfig.builder()
                .depth(depth)
                .lambda(lambda)
                .eps(1e-6)
                .gate(new GateSpec("linear", GroupKind.INPUT_FEATURES, PROBLEM.groupOf()))
                .build();
    }

    @Test
    void resultIsTheGroupLassoOptimumWithExactZeros() {
        GroupLasso solver = new GroupLasso(PROBLEM.x(), PROBLEM.y(), PROBLEM.groupOf());
        double lambda = 0.3 * solver.lambdaMax();
        TrainingResult r = GroupLassoFit.fit(
                LINEAR, gating(3, lambda), TrainingConfig.builder().build(), PROBLEM.splits());
        assertEquals(2, r.gating().depth(), "the group lasso is the D = 2 problem, whatever depth was asked");
        float[] wf = r.collapsed().get("linear.weight").data();
        double[] w = new double[wf.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = wf[k];
        }
        double b = r.collapsed().get("linear.bias").get(0);
        // float32 storage of order-1 coefficients: optimality holds to float rounding, not 1e-7
        assertTrue(solver.kktViolation(w, b, lambda) < 1e-5, "KKT violation " + solver.kktViolation(w, b, lambda));
        double[] norms = solver.groupNorms(w);
        long zero = Arrays.stream(norms).filter(n -> n == 0).count();
        assertTrue(zero > 0 && zero < norms.length, "lambda should leave some but not all groups: " + zero);
        assertEquals(norms.length - zero, r.groupReports().get(0).kept());
        int keptFeatures =
                new OnnxExporter().export(r, ExportOptions.compact()).report().keptFeatureIndices().length;
        assertEquals(3 * (norms.length - zero), keptFeatures);
        // test RMSE recomputed independently from the weights
        double sq = 0;
        for (int i = 0; i < PROBLEM.xTest().length; i++) {
            double s = b;
            for (int k = 0; k < w.length; k++) {
                s += w[k] * PROBLEM.xTest()[i][k];
            }
            float pred = (float) s;
            sq += (pred - PROBLEM.yTest()[i]) * (pred - PROBLEM.yTest()[i]);
        }
        assertEquals(
                Math.sqrt(sq / PROBLEM.xTest().length), r.metrics(Split.TEST).rmse(), 1e-4);
    }

    @Test
    void refusesWhatItDoesNotSolve() {
        ModelSpec mlp = ModelSpec.mlp(30, List.of(4), 1, Activation.RELU, Head.SQUARED_ERROR);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GroupLassoFit.checkApplicable(
                        mlp,
                        GatingConfig.builder()
                                .depth(2)
                                .lambda(0.1)
                                .gate(GateSpec.of("dense1", GroupKind.INPUT_FEATURES))
                                .build()));
        assertTrue(e.getMessage().contains("not a linear model"), e.getMessage());
        ModelSpec logistic = new ModelSpec(
                30, List.of(new Dense("linear", 2, Activation.IDENTITY, true)), Head.SOFTMAX_CROSS_ENTROPY);
        e = assertThrows(IllegalArgumentException.class, () -> GroupLassoFit.checkApplicable(logistic, gating(2, 0.1)));
        assertTrue(e.getMessage().contains("classification"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> GroupLassoFit.checkApplicable(
                        LINEAR,
                        GatingConfig.builder()
                                .depth(2)
                                .lambda(0.1)
                                .gate(GateSpec.of("linear", GroupKind.NEURONS))
                                .build()));
        assertTrue(e.getMessage().contains("--gate inputs"), e.getMessage());
    }
}
