package io.dgating.api.gating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Test 2 of the foundation issue: the AM-GM penalty identity. For random omega and Gamma the
 * gated penalty is at least {@code ||w||^(2/D)}; for the balanced factorisation of the same w
 * the two are equal (to float64 rounding), and the balanced factors really multiply back to w.
 */
class GatePenaltyNumericTest {

    @ParameterizedTest(name = "D={0}")
    @ValueSource(ints = {2, 3, 4, 5, 8})
    void gatedPenaltyBoundsGroupPenaltyWithEqualityWhenBalanced(int depth) {
        Random rnd = new Random(depth);
        for (int trial = 0; trial < 2000; trial++) {
            int size = 1 + rnd.nextInt(9);
            double[] omega = new double[size];
            for (int i = 0; i < size; i++) {
                omega[i] = rnd.nextGaussian() * Math.exp(rnd.nextGaussian());
            }
            double[] gamma = new double[depth - 1];
            for (int d = 0; d < depth - 1; d++) {
                gamma[d] = rnd.nextGaussian() * Math.exp(rnd.nextGaussian());
            }
            double[] w = GatePenalty.collapse(omega, gamma);
            double group = GatePenalty.collapsed(w, depth);
            double gated = GatePenalty.gated(omega, gamma);
            assertTrue(gated >= group * (1 - 1e-12), "AM-GM violated: " + gated + " < " + group);

            double[] balanced = GatePenalty.balancedFactorisation(w, depth);
            double[] bOmega = Arrays.copyOf(balanced, size);
            double[] bGamma = Arrays.copyOfRange(balanced, size, balanced.length);
            double[] back = GatePenalty.collapse(bOmega, bGamma);
            for (int i = 0; i < size; i++) {
                assertEquals(w[i], back[i], 1e-12 * (1 + Math.abs(w[i])));
            }
            assertEquals(group, GatePenalty.gated(bOmega, bGamma), 1e-12 * group);
        }
    }

    @ParameterizedTest(name = "D={0}")
    @ValueSource(ints = {2, 3, 4})
    void closedFormOnAKnownCase(int depth) {
        // w = (3, 4): ||w|| = 5, the group penalty is 5^(2/D); omega = w, gates 1 gives (25 + D - 1) / D
        double[] w = {3, 4};
        assertEquals(Math.pow(5, 2.0 / depth), GatePenalty.collapsed(w, depth), 1e-12);
        double[] ones = new double[depth - 1];
        Arrays.fill(ones, 1.0);
        assertEquals((25.0 + depth - 1) / depth, GatePenalty.gated(w, ones), 1e-12);
    }
}
