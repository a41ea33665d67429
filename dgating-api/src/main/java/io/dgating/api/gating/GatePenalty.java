package io.dgating.api.gating;

import io.dgating.api.ParameterSet;
import io.dgating.api.model.ModelSpec;
import java.util.Set;

/**
 * The two sides of the D-Gating penalty identity for one group, in float64.
 *
 * <p>For any factorisation {@code w = omega * prod_d gamma_d},
 * {@code (1/D)(||omega||^2 + sum_d gamma_d^2) >= ||w||^(2/D)} (AM-GM), with equality exactly
 * when the factorisation is balanced: {@code ||omega||^2 = gamma_d^2 = ||w||^(2/D)}.
 */
public final class GatePenalty {

    private GatePenalty() {}

    /**
     * Returns a model's D-Gating penalty {@code (lambda/D)(||omega||^2 + ||Gamma||^2)} over every
     * gated layer's weight and gates, summed in float64 in model order.
     *
     * @param model the model
     * @param gating the gating
     * @param params gated-form parameters
     * @return the penalty
     */
    public static double of(ModelSpec model, GatingConfig gating, ParameterSet params) {
        Set<String> factors = ParameterLayout.gatedFactors(model, gating);
        double s = 0;
        for (var e : params.asMap().entrySet()) {
            if (factors.contains(e.getKey())) {
                for (int i = 0; i < e.getValue().size(); i++) {
                    double v = e.getValue().get(i);
                    s += v * v;
                }
            }
        }
        return gating.factorDecay() * s;
    }

    /**
     * Returns the smooth gated penalty without lambda, {@code (1/D)(||omega||^2 + sum_d gamma_d^2)}.
     *
     * @param omega the group's primary weights
     * @param gamma its D - 1 gates
     * @return the penalty term
     */
    public static double gated(double[] omega, double[] gamma) {
        int depth = gamma.length + 1;
        double s = 0;
        for (double v : omega) {
            s += v * v;
        }
        for (double g : gamma) {
            s += g * g;
        }
        return s / depth;
    }

    /**
     * Returns the non-smooth group penalty without lambda, {@code ||w||^(2/D)}.
     *
     * @param w the collapsed group weights
     * @param depth D
     * @return the penalty term
     */
    public static double collapsed(double[] w, int depth) {
        double s = 0;
        for (double v : w) {
            s += v * v;
        }
        return Math.pow(Math.sqrt(s), 2.0 / depth);
    }

    /**
     * Returns the collapsed group {@code omega * prod_d gamma_d}.
     *
     * @param omega primary weights
     * @param gamma gates
     * @return the group's weights
     */
    public static double[] collapse(double[] omega, double[] gamma) {
        double p = 1;
        for (double g : gamma) {
            p *= g;
        }
        double[] w = new double[omega.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = omega[i] * p;
        }
        return w;
    }

    /**
     * Returns the balanced factorisation of {@code w} as {@code [omega..., gamma_1..gamma_(D-1)]}:
     * every gate equals {@code ||w||^(1/D)} and {@code omega = w / ||w||^((D-1)/D)}, so each
     * squared factor norm is {@code ||w||^(2/D)}.
     *
     * @param w group weights (not all zero)
     * @param depth D
     * @return omega followed by the D - 1 gates
     */
    public static double[] balancedFactorisation(double[] w, int depth) {
        double norm = 0;
        for (double v : w) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double gate = Math.pow(norm, 1.0 / depth);
        double scale = Math.pow(gate, depth - 1);
        double[] out = new double[w.length + depth - 1];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / scale;
        }
        for (int d = 0; d < depth - 1; d++) {
            out[w.length + d] = gate;
        }
        return out;
    }
}
