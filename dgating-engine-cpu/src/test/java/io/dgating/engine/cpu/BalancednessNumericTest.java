package io.dgating.engine.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.data.DatasetSplits;
import io.dgating.api.engine.EngineConfig;
import io.dgating.api.gating.GateGroups;
import io.dgating.api.gating.GatingConfig;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.train.LrSchedule;
import io.dgating.api.train.Optimizer;
import io.dgating.api.train.TrainingConfig;
import io.dgating.api.train.TrainingRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Test 3 of the foundation issue (the paper's Lemma 2): under full-batch gradient descent with
 * step eta and lambda > 0, the imbalance {@code I_j = ||omega_j||^2 - gamma_j1^2} of every
 * group decays by the factor {@code q = 1 - 4 lambda eta / D} per step.
 *
 * <p>Tolerance, derived: one step gives exactly
 * {@code I' = (1 - 2 eta lambda / D)^2 I + eta^2 (gamma^2 ||g||^2 - <omega, g>^2 + ...)}
 * (g the loss gradient), i.e. {@code q I} plus a term of order eta^2. After T steps the
 * accumulated deviation from {@code q^T I_0} is O(T eta^2) = O(t eta) at fixed time t = T eta:
 * it must vanish linearly with eta. So the test checks (1) at eta the relative deviation is
 * below 0.5% of {@code |I_0|} (observed 0.09% to 0.14%), and (2) halving eta (doubling T, same t) at least roughly halves the
 * deviation (ratio below 0.65), which a wrong decay factor would not do: a wrong factor gives
 * an O(t) error that does not shrink with eta.
 */
class BalancednessNumericTest {

    @ParameterizedTest(name = "D={0} {1}")
    @CsvSource({"2, INPUT_FEATURES", "3, INPUT_FEATURES", "4, INPUT_FEATURES", "2, NEURONS", "3, NEURONS", "4, NEURONS"
    })
    void imbalanceDecaysGeometrically(int depth, GroupKind kind) {
        double lambda = 1.0;
        double eta = 0.01;
        double time = 1.0;
        double coarse = maxRelativeDeviation(depth, kind, lambda, eta, (int) Math.round(time / eta));
        double fine = maxRelativeDeviation(depth, kind, lambda, eta / 2, (int) Math.round(time / (eta / 2)));
        assertTrue(coarse < 0.005, "relative deviation from q^T I0 at eta=" + eta + ": " + coarse);
        assertTrue(fine < 0.65 * coarse, "deviation must shrink like eta: " + coarse + " -> " + fine);
    }

    private static double maxRelativeDeviation(int depth, GroupKind kind, double lambda, double eta, int steps) {
        DatasetSplits data = SyntheticData.sparseClassification(64, 0, 0, 8, 3, 7L);
        ModelSpec model = ModelSpec.builder(8)
                .dense(6, Activation.TANH)
                .dense(2, Activation.IDENTITY)
                .build();
        GatingConfig gating = GatingConfig.builder()
                .depth(depth)
                .lambda(lambda)
                .gate("dense1", kind)
                .build();
        TrainingConfig training = TrainingConfig.builder()
                .optimizer(new Optimizer.Sgd(0, false))
                .learningRate(eta)
                .schedule(LrSchedule.CONSTANT)
                .epochs(steps)
                .batchSize(64)
                .seed(3)
                .build();
        try (CpuEngine engine = new CpuEngine(new EngineConfig(1, "cpu"))) {
            ParameterSet start = engine.initialize(model, gating, 3);
            ParameterSet end = engine.train(TrainingRequest.of(model, gating, training, data))
                    .parameters();
            double[] i0 = imbalance(model, gating, start);
            double[] iT = imbalance(model, gating, end);
            double q = Math.pow(1 - 4 * lambda * eta / depth, steps);
            double worst = 0;
            for (int j = 0; j < i0.length; j++) {
                assertTrue(Math.abs(i0[j]) > 0.1, "group " + j + " starts nearly balanced; pick another seed");
                worst = Math.max(worst, Math.abs(iT[j] - q * i0[j]) / Math.abs(i0[j]));
            }
            return worst;
        }
    }

    private static double[] imbalance(ModelSpec model, GatingConfig gating, ParameterSet p) {
        GateGroups groups = gating.groupsOf(model, "dense1");
        float[] omega = p.get("dense1.weight").data();
        float[] gates = p.get("dense1.gates").data();
        double[] sq = new double[groups.size()];
        int[] groupOf = groups.groupOfElement(
                new ParamRef("dense1", ParamRef.WEIGHT),
                Shape.of(p.get("dense1.weight").shape()));
        for (int e = 0; e < omega.length; e++) {
            sq[groupOf[e]] += (double) omega[e] * omega[e];
        }
        int f = gating.depth() - 1;
        for (int j = 0; j < sq.length; j++) {
            double g = gates[j * f];
            sq[j] -= g * g;
        }
        return sq;
    }
}
