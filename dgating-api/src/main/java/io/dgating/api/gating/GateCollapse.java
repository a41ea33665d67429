package io.dgating.api.gating;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns gated parameters ({@code omega}, {@code Gamma}) into the plain weights of the same
 * architecture, {@code w_j = omega_j * prod_d gamma_jd}, and reports per-group norms.
 */
public final class GateCollapse {

    private GateCollapse() {}

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
     * everything else unchanged (parameters of the model that {@code params} lacks stay absent).
     *
     * @param model the model
     * @param gating the gating that produced {@code params}
     * @param params gated parameters
     * @return plain parameters of the same architecture
     */
    public static ParameterSet collapse(ModelSpec model, GatingConfig gating, ParameterSet params) {
        Map<ParamRef, GateGroups> groupsOfParam = new HashMap<>();
        for (GateSpec g : gating.gates()) {
            GateGroups groups = gating.groupsOf(model, g.layer());
            groups.params().forEach(p -> groupsOfParam.put(p, groups));
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (ParamSpec p : ParameterLayout.specs(model, gating)) {
            if (p.role() == ParamRole.GATES || !params.contains(p.ref())) {
                continue;
            }
            GateGroups groups = groupsOfParam.get(p.ref());
            out.put(
                    p.name(),
                    groups == null
                            ? params.get(p.name())
                            : collapse(
                                    groups,
                                    p.ref(),
                                    params.get(p.ref()),
                                    params.get(ParamRef.gatesOf(groups.layer()))));
        }
        return new ParameterSet(out);
    }

    /**
     * Returns a layer's weight (omega when gated).
     *
     * @param model the model
     * @param layer the layer's name
     * @return the weight
     * @throws IllegalArgumentException if the layer declares no weight
     */
    public static ParamRef weightOf(ModelSpec model, String layer) {
        int index = model.indexOf(layer);
        return model.layers().get(index).parameters(model.inputShapeOf(index)).stream()
                .filter(p -> p.role() == ParamRole.WEIGHT)
                .map(ParamSpec::ref)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("layer '" + layer + "' has no weight"));
    }

    /**
     * Returns a gated tensor with every entry multiplied by its group's gate product (entries in
     * no group unchanged).
     *
     * @param groups the layer's groups
     * @param param the tensor
     * @param omega the tensor in gated form
     * @param gates the layer's gate matrix {@code [groups, D - 1]}
     * @return the collapsed tensor
     */
    public static Tensor collapse(GateGroups groups, ParamRef param, Tensor omega, Tensor gates) {
        float[] p = gateProducts(gates);
        float[] w = omega.data();
        int[] groupOf = groups.groupOfElement(param, Shape.of(omega.shape()));
        for (int e = 0; e < w.length; e++) {
            if (groupOf[e] >= 0) {
                w[e] *= p[groupOf[e]];
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
            double[] norms = gating.groupsOf(model, layer.name()).norms(collapsed);
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
