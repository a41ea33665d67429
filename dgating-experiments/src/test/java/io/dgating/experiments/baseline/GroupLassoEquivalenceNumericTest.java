package io.dgating.experiments.baseline;

import static io.dgating.api.testing.NumericAssertions.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GateSpec;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.Dense;
import io.dgating.api.model.Head;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import io.dgating.api.train.TrainingResult;
import io.dgating.engine.cpu.CpuEngine;
import io.dgating.experiments.simulation.GroupRegressionProblem;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test 4 of the foundation issue, the paper's simulation: linear regression with 40 groups of
 * 5 features, 7 informative, n = 200. D = 2 gating trained by full-batch gradient descent on
 * the CPU engine reaches the group-lasso solution that accelerated proximal gradient finds.
 *
 * <p>Tolerances: the APGD solution is certified by its KKT violation (< 1e-8). The gated run
 * is float32 (unit roundoff 6e-8 on coefficients of order 1) and runs a fixed 6,000 momentum
 * steps; coefficients must agree to 1e-5 absolute (observed: about 2e-7, i.e. float32
 * rounding). Supports must be identical, where a
 * gated group counts as zero below eps = 1e-6 (the paper's threshold for linear models).
 * Each lambda is checked to leave every zero group a KKT margin of at least 5% (its
 * gradient norm below 0.95 lambda), so "support" is well defined and not decided by noise.
 */
class GroupLassoEquivalenceNumericTest {

    private static final GroupRegressionProblem DATA = GroupRegressionProblem.draw(200, 0, 40, 5, 7, 0.5, 2025L);

    @ParameterizedTest(name = "lambda = {0} * lambda_max")
    @ValueSource(doubles = {0.05, 0.15, 0.4})
    void dEqualsTwoMatchesGroupLasso(double fraction) {
        GroupLasso solver = new GroupLasso(DATA.x(), DATA.y(), DATA.groupOf());
        double lambda = fraction * solver.lambdaMax();
        GroupLasso.Solution apgd = solver.solve(lambda, 1e-8, 100_000);
        assertTrue(apgd.kktViolation() < 1e-8, "APGD did not converge: KKT violation " + apgd.kktViolation());

        double[] gradNorms = solver.groupNorms(solver.gradient(solver.residual(apgd.weights(), apgd.intercept())));
        double[] norms = solver.groupNorms(apgd.weights());
        for (int j = 0; j < norms.length; j++) {
            if (norms[j] == 0) {
                assertTrue(gradNorms[j] < 0.95 * lambda, "group " + j + " sits on the KKT boundary at this lambda");
            }
        }

        ModelSpec model =
                new ModelSpec(200, List.of(new Dense("linear", 1, Activation.IDENTITY, true)), Head.SQUARED_ERROR);
        GatingConfig gating = GatingConfig.builder()
                .depth(2)
                .lambda(lambda)
                .eps(1e-6)
                .gate(new GateSpec("linear", GroupKind.INPUT_FEATURES, DATA.groupOf()))
                .build();
        TrainingConfig training = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0.9, false))
                .learningRate(0.02)
                .schedule(LrSchedule.CONSTANT)
                .epochs(6000)
                .batchSize(200)
                .seed(1)
                .build();
        TrainingResult result;
        try (CpuEngine engine = new CpuEngine(new EngineConfig(2, "cpu"))) {
            result = engine.train(TrainingRequest.of(model, gating, training, DATA.splits()));
        }
        float[] w = result.collapsed().get("linear.weight").data();
        double[] wd = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            wd[k] = w[k];
        }
        double[] gatedNorms = result.groupReports().get(0).norms();
        boolean[] gatedSupport = new boolean[norms.length];
        boolean[] apgdSupport = new boolean[norms.length];
        for (int j = 0; j < norms.length; j++) {
            gatedSupport[j] = gatedNorms[j] >= 1e-6;
            apgdSupport[j] = norms[j] > 0;
        }
        assertArrayEquals(
                apgdSupport,
                gatedSupport,
                "support: APGD " + Arrays.toString(norms) + "\ngated " + Arrays.toString(gatedNorms));
        assertClose(wd, apgd.weights(), 0, 1e-5, "coefficients at lambda " + lambda);
        assertClose(result.collapsed().get("linear.bias").get(0), apgd.intercept(), 0, 1e-5, "intercept");
        assertEquals(countTrue(apgdSupport), result.groupReports().get(0).kept());
    }

    private static int countTrue(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }
}
