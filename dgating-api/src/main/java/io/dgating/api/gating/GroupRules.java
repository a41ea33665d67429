package io.dgating.api.gating;

import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.model.Dense;
import io.dgating.api.model.LayerSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which groups each layer kind offers, as slices of its parameters: the one place that knows
 * that a dense layer's neuron {@code i} is row {@code i} of its weight and its input feature
 * {@code j} column {@code j}. Filters (conv weight, bias and the batch-norm entries after it) and
 * attention heads are added here with their issues.
 */
public final class GroupRules {

    private GroupRules() {
    }

    /**
     * Returns the groups {@code spec} asks of a layer.
     *
     * @param layer the gated layer
     * @param input the shape of one example entering it
     * @param spec its gate spec
     * @return the groups
     * @throws IllegalArgumentException if the layer kind offers no groups of that kind, or the
     *     spec's feature groups do not cover the inputs
     */
    public static GateGroups of(LayerSpec layer, Shape input, GateSpec spec) {
        if (!(layer instanceof Dense dense)) {
            throw new IllegalArgumentException("layer '" + layer.name() + "' is a " + layer.getClass().getSimpleName()
                    + "; only dense layers offer groups now");
        }
        String weight = dense.name() + ParameterSet.WEIGHT;
        List<List<GroupSlice>> groups = new ArrayList<>();
        if (spec.kind() == GroupKind.NEURONS) {
            for (int i = 0; i < dense.units(); i++) {
                groups.add(List.of(new GroupSlice(weight, 0, new int[] {i})));
            }
            return new GateGroups(dense.name(), GroupKind.NEURONS, groups);
        }
        int cols = input.size();
        int[] map = spec.featureGroups();
        if (map.length == 0) {
            for (int c = 0; c < cols; c++) {
                groups.add(List.of(new GroupSlice(weight, 1, new int[] {c})));
            }
            return new GateGroups(dense.name(), GroupKind.INPUT_FEATURES, groups);
        }
        if (map.length != cols) {
            throw new IllegalArgumentException("layer '" + spec.layer() + "' has " + cols
                    + " inputs but its feature groups cover " + map.length);
        }
        int count = 0;
        for (int g : map) {
            count = Math.max(count, g + 1);
        }
        for (int g = 0; g < count; g++) {
            List<Integer> columns = new ArrayList<>();
            for (int c = 0; c < cols; c++) {
                if (map[c] == g) {
                    columns.add(c);
                }
            }
            groups.add(List.of(new GroupSlice(weight, 1, columns.stream().mapToInt(Integer::intValue).toArray())));
        }
        return new GateGroups(dense.name(), GroupKind.INPUT_FEATURES, groups);
    }
}
