package io.dgating.api.gating;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.ParamRole;
import io.dgating.api.model.ParamSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parameters a gated model has, in order: per layer what the layer kind declares
 * ({@link LayerSpec#parameters}, e.g. a dense layer's weight, which is omega when gated, and
 * bias), then, when the layer is gated, its {@code [groups, D - 1]} gate matrix. Every engine
 * produces exactly these, and every reader checks against them.
 */
public final class ParameterLayout {

    private ParameterLayout() {}

    /**
     * Returns name to shape for every parameter of the model.
     *
     * @param model the architecture
     * @param gating the gating
     * @return the shapes, in model order
     */
    public static Map<String, int[]> shapes(ModelSpec model, GatingConfig gating) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (ParamSpec p : specs(model, gating)) {
            shapes.put(p.name(), p.shape().dims());
        }
        return shapes;
    }

    /**
     * Returns every parameter of the gated model with its role, shape and fan-in, in model order.
     *
     * @param model the architecture
     * @param gating the gating
     * @return the parameters
     */
    public static List<ParamSpec> specs(ModelSpec model, GatingConfig gating) {
        List<ParamSpec> specs = new ArrayList<>();
        List<Shape> inputs = model.inputShapes();
        for (int i = 0; i < model.layers().size(); i++) {
            LayerSpec layer = model.layers().get(i);
            specs.addAll(layer.parameters(inputs.get(i)));
            GateSpec g = gating.gateOf(layer.name());
            if (g != null) {
                int groups = gating.groupsOf(model, layer.name()).size();
                specs.add(new ParamSpec(
                        ParamRef.gatesOf(layer.name()), ParamRole.GATES, Shape.of(groups, gating.depth() - 1), 0));
            }
        }
        return specs;
    }

    /**
     * Returns the names of the D-Gating factors: every parameter a gated layer's groups hold
     * (omega: a dense weight; a filter group's convolutions, biases and batch-norm entries) and the
     * gate matrices. They get the decay {@code lambda / D}; every other parameter gets the ordinary
     * weight decay.
     *
     * @param model the architecture
     * @param gating the gating
     * @return the factor names, in model order
     */
    public static Set<String> gatedFactors(ModelSpec model, GatingConfig gating) {
        Set<ParamRef> grouped = new HashSet<>();
        for (GateSpec g : gating.gates()) {
            grouped.addAll(gating.groupsOf(model, g.layer()).params());
        }
        Set<String> out = new LinkedHashSet<>();
        for (ParamSpec p : specs(model, gating)) {
            if (grouped.contains(p.ref()) || p.role() == ParamRole.GATES) {
                out.add(p.name());
            }
        }
        return out;
    }

    /**
     * Checks that {@code params} has exactly the model's parameters with the right shapes.
     *
     * @param model the architecture
     * @param gating the gating
     * @param params the parameters
     * @throws IllegalArgumentException naming the first missing, extra or misshapen parameter
     */
    public static void check(ModelSpec model, GatingConfig gating, ParameterSet params) {
        Map<String, int[]> expected = shapes(model, gating);
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            if (!params.contains(e.getKey())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " is missing");
            }
            int[] actual = params.get(e.getKey()).shape();
            if (!Arrays.equals(actual, e.getValue())) {
                throw new IllegalArgumentException("parameter " + e.getKey() + " has shape " + Arrays.toString(actual)
                        + ", the model needs " + Arrays.toString(e.getValue()));
            }
        }
        for (String name : params.names()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException(
                        "parameter " + name + " does not belong to the model; it has " + expected.keySet());
            }
        }
    }
}
