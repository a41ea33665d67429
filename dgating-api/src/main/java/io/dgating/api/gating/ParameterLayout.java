package io.dgating.api.gating;

import io.dgating.api.ParameterSet;
import io.dgating.api.model.Dense;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters a gated model has, in order: per dense layer {@code <layer>.weight}
 * {@code [units, inputs]} (omega when gated), {@code <layer>.bias} {@code [units]} and, when
 * gated, {@code <layer>.gates} {@code [groups, D - 1]}. Every engine produces exactly these,
 * and every reader checks against them.
 */
public final class ParameterLayout {

    private ParameterLayout() {
    }

    /**
     * Returns name to shape for every parameter of the model.
     *
     * @param model the architecture
     * @param gating the gating
     * @return the shapes, in model order
     */
    public static Map<String, int[]> shapes(ModelSpec model, GatingConfig gating) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int size = model.inputSize();
        for (LayerSpec spec : model.layers()) {
            if (spec instanceof Dense dense) {
                shapes.put(dense.name() + ParameterSet.WEIGHT, new int[] {dense.units(), size});
                if (dense.bias()) {
                    shapes.put(dense.name() + ParameterSet.BIAS, new int[] {dense.units()});
                }
                GateSpec g = gating.gateOf(dense.name());
                if (g != null) {
                    int groups = GroupLayout.of(g, dense.units(), size).groups();
                    shapes.put(dense.name() + ParameterSet.GATES, new int[] {groups, gating.depth() - 1});
                }
            }
            size = spec.outputSize(size);
        }
        return shapes;
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
                throw new IllegalArgumentException("parameter " + name + " does not belong to the model; it has "
                        + expected.keySet());
            }
        }
    }
}
