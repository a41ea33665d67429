package io.dgating.api.gating;

import io.dgating.api.ParameterSet;
import io.dgating.api.Tensor;
import io.dgating.api.model.ModelSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns gated parameters ({@code omega}, {@code Gamma}) into the plain weights of the same
 * architecture, {@code w_j = omega_j * prod_d gamma_jd}, and reports per-group norms.
 */
public final class GateCollapse {

    private GateCollapse() {
    }

    /**
     * Returns the products {@code P_j = prod_d gamma_jd} of a {@code [groups, D - 1]} gate matrix,
     * multiplied in float32 left to right as every engine does.
     *
     * @param gates the gate tensor
     * @return one product per group
     */
    public static float[] gateProducts(Tensor gates) {
        int groups = gates.dim(0);
        int factors = gates.dim(1);
        float[] p = new float[groups];
        for (int j = 0; j < groups; j++) {
            float prod = 1f;
            for (int d = 0; d < factors; d++) {
                prod *= gates.get(j * factors + d);
            }
            p[j] = prod;
        }
        return p;
    }

    /**
     * Returns the collapsed parameters: gated weights multiplied out, gate tensors dropped,
     * everything else unchanged.
     *
     * @param model the model
     * @param gating the gating that produced {@code params}
     * @param params gated parameters
     * @return plain parameters of the same architecture
     */
    public static ParameterSet collapse(ModelSpec model, GatingConfig gating, ParameterSet params) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.asMap().entrySet()) {
            String name = e.getKey();
            if (name.endsWith(ParameterSet.GATES)) {
                continue;
            }
            String layer = name.substring(0, name.lastIndexOf('.'));
            if (name.endsWith(ParameterSet.WEIGHT) && gating.gateOf(layer) != null) {
                out.put(name, collapseWeight(gating.layoutOf(model, layer), e.getValue(),
                        params.get(layer + ParameterSet.GATES)));
            } else {
                out.put(name, e.getValue());
            }
        }
        return new ParameterSet(out);
    }

    /**
     * Returns {@code omega * P} broadcast over the groups of {@code layout}.
     *
     * @param layout the layer's group layout
     * @param omega primary weights {@code [rows, cols]}
     * @param gates gate matrix {@code [groups, D - 1]}
     * @return the collapsed weight
     */
    public static Tensor collapseWeight(GroupLayout layout, Tensor omega, Tensor gates) {
        float[] p = gateProducts(gates);
        float[] w = omega.data();
        int cols = layout.cols();
        for (int r = 0; r < layout.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] *= p[layout.groupOf(r, c)];
            }
        }
        return new Tensor(omega.shape(), w);
    }

    /**
     * Returns, for every gated layer, its group norms and how many groups are zero or almost zero.
     *
     * @param model the model
     * @param gating the gating
     * @param params gated parameters
     * @return one report per gated layer, in model order
     */
    public static List<GroupReport> report(ModelSpec model, GatingConfig gating, ParameterSet params) {
        List<GroupReport> reports = new ArrayList<>();
        ParameterSet collapsed = collapse(model, gating, params);
        for (var layer : model.layers()) {
            GateSpec g = gating.gateOf(layer.name());
            if (g == null) {
                continue;
            }
            GroupLayout layout = gating.layoutOf(model, layer.name());
            double[] norms = layout.groupNorms(collapsed.get(layer.name() + ParameterSet.WEIGHT).data());
            reports.add(new GroupReport(layer.name(), g.kind(), norms, gating.eps()));
        }
        return reports;
    }

    /**
     * Returns, per gated layer in model order, how many groups are still at least eps.
     *
     * @param model the model
     * @param gating the gating
     * @param params gated parameters
     * @return layer name to groups alive
     */
    public static Map<String, Integer> groupsAlive(ModelSpec model, GatingConfig gating, ParameterSet params) {
        Map<String, Integer> alive = new LinkedHashMap<>();
        for (GroupReport r : report(model, gating, params)) {
            alive.put(r.layer(), r.kept());
        }
        return alive;
    }
}
