package io.dgating.engine.cpu.internal;

import io.dgating.api.Shape;
import io.dgating.api.gating.GateGroups;

/**
 * The D-Gating factors of one gated tensor: omega lives in the layer's parameter, the
 * {@code [groups, D - 1]} gate matrix here, and which group each entry belongs to comes from the
 * layer's {@link GateGroups}.
 *
 * <p>Forward: {@code W = omega * P} with {@code P_j = prod_d gamma_jd} broadcast over group j.
 * Backward (chain rule, g = dL/dW): {@code dL/domega = P * g} and
 * {@code dL/dgamma_jd = (prod_{d' != d} gamma_jd') * <omega_j, g_j>}; the product of the
 * other gates is multiplied out, never obtained by dividing by gamma_jd, which may be 0.
 */
final class GateState {

    private final int[] groupOf;
    private final int factors;
    private final Param gates;
    private final float[] products;
    private final double[] inner;

    GateState(GateGroups groups, String param, Shape shape, Param gates) {
        this.groupOf = groups.groupOfElement(param, shape);
        this.gates = gates;
        this.factors = gates.shape()[1];
        this.products = new float[groups.size()];
        this.inner = new double[groups.size()];
    }

    Param gates() {
        return gates;
    }

    /** Writes {@code omega * P} into {@code w}. */
    void collapse(float[] omega, float[] w) {
        float[] g = gates.value();
        for (int j = 0; j < products.length; j++) {
            float p = 1f;
            for (int d = 0; d < factors; d++) {
                p *= g[j * factors + d];
            }
            products[j] = p;
        }
        for (int e = 0; e < w.length; e++) {
            int j = groupOf[e];
            w[e] = j < 0 ? omega[e] : omega[e] * products[j];
        }
    }

    /**
     * Turns {@code dW} into the omega gradient (written to {@code omegaGrad}) and the gate
     * gradients; uses the products of the last {@link #collapse}.
     */
    void backward(float[] omega, float[] dW, float[] omegaGrad) {
        java.util.Arrays.fill(inner, 0.0);
        for (int e = 0; e < groupOf.length; e++) {
            int j = groupOf[e];
            float g = dW[e];
            if (j < 0) {
                omegaGrad[e] = g;
                continue;
            }
            omegaGrad[e] = products[j] * g;
            inner[j] += (double) omega[e] * g;
        }
        float[] gv = gates.value();
        float[] gg = gates.grad();
        for (int j = 0; j < products.length; j++) {
            for (int d = 0; d < factors; d++) {
                double others = 1.0;
                for (int e = 0; e < factors; e++) {
                    if (e != d) {
                        others *= gv[j * factors + e];
                    }
                }
                gg[j * factors + d] = (float) (others * inner[j]);
            }
        }
    }
}
