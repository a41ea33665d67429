package io.dgating.api.gating;

import io.dgating.api.ParamRef;
import io.dgating.api.ParameterSet;
import io.dgating.api.Shape;
import io.dgating.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The groups of one gated layer: group {@code j} is a list of slices across one or more of the
 * layer's parameter tensors, every entry of which is multiplied by the same gate product
 * {@code P_j = gamma_j1 * ... * gamma_j(D-1)}. The gate collapse, the group norms, both engines and
 * the export planner read groups only from here; {@link GroupRules} makes them per layer kind.
 *
 * @param layer the gated layer
 * @param kind what the groups are (input features, neurons)
 * @param groups the slices of every group, group 0 first
 */
public record GateGroups(String layer, GroupKind kind, List<List<GroupSlice>> groups) {

    /**
     * Copies the lists.
     *
     * @param layer the gated layer
     * @param kind what the groups are (input features, neurons)
     * @param groups the slices of every group, group 0 first
     */
    public GateGroups {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(kind, "kind");
        groups = groups.stream().map(List::copyOf).toList();
    }

    /** {@return the number of groups} */
    public int size() {
        return groups.size();
    }

    /** {@return the parameters the groups touch, in order of first appearance} */
    public Set<ParamRef> params() {
        Set<ParamRef> out = new LinkedHashSet<>();
        groups.forEach(g -> g.forEach(s -> out.add(s.param())));
        return out;
    }

    /**
     * Returns, for every entry of a parameter, the group it belongs to, or -1 for entries no
     * group holds.
     *
     * @param param the parameter
     * @param shape its shape
     * @return one group index per row-major entry
     * @throws IllegalArgumentException if two groups claim one entry
     */
    public int[] groupOfElement(ParamRef param, Shape shape) {
        int[] map = new int[shape.size()];
        Arrays.fill(map, -1);
        for (int j = 0; j < groups.size(); j++) {
            for (GroupSlice s : groups.get(j)) {
                if (!s.param().equals(param)) {
                    continue;
                }
                for (int e : s.elements(shape)) {
                    if (map[e] >= 0 && map[e] != j) {
                        throw new IllegalArgumentException("entry " + e + " of " + param + " is in groups " + map[e]
                                + " and " + j + " of layer '" + layer + "'");
                    }
                    map[e] = j;
                }
            }
        }
        return map;
    }

    /**
     * Returns the Euclidean norm of every group over all its slices.
     *
     * @param params parameters holding the groups' tensors (collapsed: the norms of {@code w})
     * @return one norm per group
     */
    public double[] norms(ParameterSet params) {
        double[] sq = new double[groups.size()];
        for (ParamRef p : params()) {
            Tensor t = params.get(p);
            float[] v = t.data();
            int[] groupOf = groupOfElement(p, Shape.of(t.shape()));
            for (int e = 0; e < v.length; e++) {
                if (groupOf[e] >= 0) {
                    sq[groupOf[e]] += (double) v[e] * v[e];
                }
            }
        }
        for (int j = 0; j < sq.length; j++) {
            sq[j] = Math.sqrt(sq[j]);
        }
        return sq;
    }

    /**
     * Returns the positions along {@code axis} of {@code param} that group {@code j} holds.
     *
     * @param j the group
     * @param param a parameter
     * @param axis an axis
     * @return the positions (empty if the group has no such slice)
     */
    public int[] indicesOf(int j, ParamRef param, int axis) {
        List<Integer> out = new ArrayList<>();
        for (GroupSlice s : groups.get(j)) {
            if (s.param().equals(param) && s.axis() == axis) {
                Arrays.stream(s.indices()).forEach(out::add);
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
