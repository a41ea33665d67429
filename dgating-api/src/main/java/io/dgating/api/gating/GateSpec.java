package io.dgating.api.gating;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

/**
 * Gates the groups of one layer (a dense layer's inputs or neurons, a convolution's filters).
 *
 * @param layer name of the gated layer
 * @param kind how its weights are grouped
 * @param featureGroups for {@link GroupKind#INPUT_FEATURES} only: the group index of every
 *     input column ({@code 0 .. G-1}, each used); empty means one group per column
 */
public record GateSpec(String layer, GroupKind kind, int[] featureGroups) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * Validates and copies.
     *
     * @param layer name of the gated layer
     * @param kind how its weights are grouped
     * @param featureGroups for {@link GroupKind#INPUT_FEATURES} only: the group index of every
     *     input column ({@code 0 .. G-1}, each used); empty means one group per column
     * @throws IllegalArgumentException if feature groups are given for neuron gating, or
     *     their indices are negative or leave a group unused
     */
    public GateSpec {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(kind, "kind");
        featureGroups = featureGroups == null ? new int[0] : featureGroups.clone();
        if (featureGroups.length > 0) {
            if (kind != GroupKind.INPUT_FEATURES) {
                throw new IllegalArgumentException(
                        "feature groups apply to INPUT_FEATURES gating only (layer '" + layer + "')");
            }
            int max = Arrays.stream(featureGroups).max().orElse(-1);
            boolean[] used = new boolean[max + 1];
            for (int g : featureGroups) {
                if (g < 0) {
                    throw new IllegalArgumentException("feature group index " + g + " < 0 (layer '" + layer + "')");
                }
                used[g] = true;
            }
            for (int g = 0; g <= max; g++) {
                if (!used[g]) {
                    throw new IllegalArgumentException("feature group " + g + " has no column (layer '" + layer
                            + "'); indices must run 0.." + max + " without gaps");
                }
            }
        }
    }

    /**
     * Returns a spec with one group per input column or per neuron.
     *
     * @param layer the dense layer
     * @param kind the grouping
     * @return the spec
     */
    public static GateSpec of(String layer, GroupKind kind) {
        return new GateSpec(layer, kind, new int[0]);
    }

    /** {@return a copy of the column-to-group map (empty: one group per column)} */
    @Override
    public int[] featureGroups() {
        return featureGroups.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GateSpec g
                && layer.equals(g.layer)
                && kind == g.kind
                && Arrays.equals(featureGroups, g.featureGroups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, kind, Arrays.hashCode(featureGroups));
    }

    @Override
    public String toString() {
        return "GateSpec[" + layer + ", " + kind + (featureGroups.length > 0 ? ", grouped" : "") + "]";
    }
}
