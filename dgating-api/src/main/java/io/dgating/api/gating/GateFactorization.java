package io.dgating.api.gating;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes given plain weights in gated form, so that a gated model starts as exactly the function
 * of a model trained elsewhere (the inverse of {@link GateCollapse}).
 */
public final class GateFactorization {

    /** How the gated factors of a group share its weights. */
    public enum Start {
        /**
         * {@code omega_j = w_j}, every gate 1: the seeded start's convention. The penalty starts
         * above {@code lambda ||w_j||^(2/D)} and the excess decays like the imbalance,
         * {@code exp(-4 lambda t / D)}.
         */
        IDENTITY,
        /**
         * Every factor of group {@code j} gets the same norm {@code ||w_j||^(1/D)}: every gate
         * {@code ||w_j||^(1/D)}, {@code omega_j = w_j / ||w_j||^((D-1)/D)}. The AM-GM bound holds
         * with equality, so the gated penalty equals the paper's {@code lambda ||w_j||^(2/D)} from
         * the first step, and a group that is already small starts with small gates.
         */
        BALANCED
    }

    private GateFactorization() {}

    /**
     * Returns gated parameters whose collapse is {@code weights}.
     *
     * @param model the model
     * @param gating the gating
     * @param weights plain parameters of the model (every parameter it declares but gates)
     * @param start how the factors share each group
     * @return gated parameters
     * @throws IllegalArgumentException if a parameter is missing or has the wrong shape
     */
    public static ParameterSet factorize(ModelSpec model, GatingConfig gating, ParameterSet weights, Start start) {
        int depth = gating.depth();
        Map<ParamRef, GateGroups> groupsOfParam = new HashMap<>();
        Map<String, double[]> gateOfLayer = new HashMap<>();
        for (GateSpec g : gating.gates()) {
            GateGroups groups = gating.groupsOf(model, g.layer());
            groups.params().forEach(p -> groupsOfParam.put(p, groups));
            double[] norms = groups.norms(weights);
            double[] gate = new double[norms.length];
            for (int j = 0; j < norms.length; j++) {
                gate[j] = start == Start.BALANCED ? Math.pow(norms[j], 1.0 / depth) : 1.0;
            }
            gateOfLayer.put(g.layer(), gate);
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParamSpec p : ParameterLayout.specs(model, gating)) {
            if (p.role() == ParamRole.GATES) {
                double[] gate = gateOfLayer.get(p.layer());
                float[] v = new float[gate.length * (depth - 1)];
                for (int j = 0; j < gate.length; j++) {
                    for (int d = 0; d < depth - 1; d++) {
                        v[j * (depth - 1) + d] = (float) gate[j];
                    }
                }
                out.put(p.name(), new Tensor(p.shape().dims(), v));
                continue;
            }
            if (!weights.contains(p.ref())) {
                throw new IllegalArgumentException("no values for parameter '" + p.name() + "'");
            }
            Tensor w = weights.get(p.ref());
            if (!Shape.of(w.shape()).equals(p.shape())) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' has shape " + Shape.of(w.shape())
                        + ", the model needs " + p.shape());
            }
            GateGroups groups = groupsOfParam.get(p.ref());
            if (groups == null) {
                out.put(p.name(), w);
                continue;
            }
            double[] gate = gateOfLayer.get(groups.layer());
            int[] groupOf = groups.groupOfElement(p.ref(), p.shape());
            float[] v = w.data();
            for (int e = 0; e < v.length; e++) {
                int j = groupOf[e];
                if (j >= 0 && gate[j] != 1.0) {
                    v[e] = gate[j] == 0 ? 0f : (float) (v[e] / Math.pow(gate[j], depth - 1));
                }
            }
            out.put(p.name(), new Tensor(w.shape(), v));
        }
        return new ParameterSet(out);
    }
}
