package io.dgating.engine.cpu.internal;

import io.dgating.api.gating.GroupLayout;

/**
 * The D-Gating factors of one dense layer: omega lives in the layer's weight parameter, the
 * {@code [groups, D - 1]} gate matrix here.
 *
 * <p>Forward: {@code W = omega * P} with {@code P_j = prod_d gamma_jd} broadcast over group j.
 * Backward (chain rule, g = dL/dW): {@code dL/domega = P * g} and
 * {@code dL/dgamma_jd = (prod_{d' != d} gamma_jd') * <omega_j, g_j>}; the product of the
 * other gates is multiplied out, never obtained by dividing by gamma_jd, which may be 0.
 */
final class GateState {

    private final GroupLayout layout;
    private final int factors;
    private final Param gates;
    private final float[] products;
    private final double[] inner;

    GateState(GroupLayout layout, Param gates) {
        this.layout = layout;
        this.gates = gates;
        this.factors = gates.shape()[1];
        this.products = new float[layout.groups()];
        this.inner = new double[layout.groups()];
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
        int rows = layout.rows();
        int cols = layout.cols();
        if (layout.kind() == io.dgating.api.gating.GroupKind.NEURONS) {
            for (int r = 0; r < rows; r++) {
                float p = products[r];
                int o = r * cols;
                for (int c = 0; c < cols; c++) {
                    w[o + c] = omega[o + c] * p;
                }
            }
        } else {
            int[] groupOf = layout.groupOfColumn();
            float[] pc = new float[cols];
            for (int c = 0; c < cols; c++) {
                pc[c] = products[groupOf[c]];
            }
            for (int r = 0; r < rows; r++) {
                int o = r * cols;
                for (int c = 0; c < cols; c++) {
                    w[o + c] = omega[o + c] * pc[c];
                }
            }
        }
    }

    /**
     * Turns {@code dW} into the omega gradient (written to {@code omegaGrad}) and the gate
     * gradients; uses the products of the last {@link #collapse}.
     */
    void backward(float[] omega, float[] dW, float[] omegaGrad) {
        int rows = layout.rows();
        int cols = layout.cols();
        java.util.Arrays.fill(inner, 0.0);
        boolean neurons = layout.kind() == io.dgating.api.gating.GroupKind.NEURONS;
        int[] groupOf = neurons ? null : layout.groupOfColumn();
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            if (neurons) {
                float p = products[r];
                double s = 0;
                for (int c = 0; c < cols; c++) {
                    float g = dW[o + c];
                    omegaGrad[o + c] = p * g;
                    s += (double) omega[o + c] * g;
                }
                inner[r] += s;
            } else {
                for (int c = 0; c < cols; c++) {
                    int j = groupOf[c];
                    float g = dW[o + c];
                    omegaGrad[o + c] = products[j] * g;
                    inner[j] += (double) omega[o + c] * g;
                }
            }
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
