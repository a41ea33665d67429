package io.dgating.api.gating;

import io.dgating.api.model.Conv2d;
import io.dgating.api.model.Dense;
import io.dgating.api.model.LayerKind;
import io.dgating.api.model.ModelSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What to gate, by name, for the architectures dgating builds: the choices of {@code --gate}.
 *
 * @param what which groups
 * @param filterKind the filter grouping of {@link What#FILTERS} and of a CNN under {@link What#BOTH}
 * @param headKind the head grouping of {@link What#HEADS}
 * @param featureGroups the group of every input column of the first dense layer (empty: one group
 *     per column), for {@link What#INPUTS} and {@link What#BOTH}
 */
public record GatingPreset(What what, GroupKind filterKind, GroupKind headKind, int[] featureGroups) {

    /** Which groups a preset gates. */
    public enum What {
        /** The input features of the first dense layer. */
        INPUTS,
        /** The units of every hidden dense layer. */
        NEURONS,
        /** Every convolution's filters (filters joined by a residual add share a group). */
        FILTERS,
        /**
         * An MLP: the inputs of the first layer and the units of later hidden layers; a CNN: its
         * filters and the units of its hidden dense layers.
         */
        BOTH,
        /** Every attention head. */
        HEADS,
        /** Nothing: an ordinary model. */
        NONE;

        /**
         * Returns the preset of a name.
         *
         * @param name inputs, neurons, filters, both, heads or none (any case)
         * @return the preset
         * @throws IllegalArgumentException for another name, listing the names
         */
        public static What parse(String name) {
            return Arrays.stream(values())
                    .filter(w -> w.name().equalsIgnoreCase(name.trim()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("gating must be one of "
                            + Arrays.stream(values())
                                    .map(w -> w.name().toLowerCase(Locale.ROOT))
                                    .toList() + ", got '" + name + "'"));
        }
    }

    /**
     * Checks the groupings and copies the feature groups.
     *
     * @param what which groups
     * @param filterKind a filter grouping
     * @param headKind a head grouping
     * @param featureGroups the group of every input column (empty: one group per column)
     * @throws IllegalArgumentException if a grouping is of the wrong kind, or feature groups are given
     *     for a preset that does not gate inputs
     */
    public GatingPreset {
        featureGroups = featureGroups == null ? new int[0] : featureGroups.clone();
        if (!filterKind.isFilters() || !headKind.isHeads()) {
            throw new IllegalArgumentException(
                    "a filter grouping (" + filterKind + ") and a head grouping (" + headKind + ") are needed");
        }
        if (featureGroups.length > 0 && what != What.INPUTS && what != What.BOTH) {
            throw new IllegalArgumentException("input feature groups need inputs or both gating, not "
                    + what.name().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Returns a preset with the default groupings: zero-invariant filters, the paper's value-row heads,
     * one group per input column.
     *
     * @param what which groups
     * @return the preset
     */
    public static GatingPreset of(What what) {
        return new GatingPreset(what, GroupKind.FILTERS, GroupKind.HEADS, new int[0]);
    }

    /** {@return a copy of the feature groups (empty: one group per column)} */
    @Override
    public int[] featureGroups() {
        return featureGroups.clone();
    }

    /**
     * Returns the gating of a model.
     *
     * @param model the model
     * @param depth D
     * @param lambda the penalty strength
     * @param eps the zero threshold, or empty for the default of the grouping
     * @return the gating, validated against the model
     * @throws IllegalArgumentException if the model has nothing of what the preset gates, or the
     *     feature groups do not fit its first layer
     */
    public GatingConfig gating(ModelSpec model, int depth, double lambda, OptionalDouble eps) {
        GatingConfig.Builder g = GatingConfig.builder().depth(depth).lambda(lambda);
        eps.ifPresent(g::eps);
        List<Dense> dense = model.denseLayers();
        List<Dense> hidden = dense.subList(0, dense.size() - 1);
        boolean denseFirst = model.layers().get(0) instanceof Dense;
        if (featureGroups.length > 0 && !denseFirst) {
            throw new IllegalArgumentException("input feature groups group the data's columns, which only a model "
                    + "whose first layer is dense reads directly");
        }
        GateSpec inputs = new GateSpec(dense.get(0).name(), GroupKind.INPUT_FEATURES, featureGroups);
        boolean attention = model.layers().stream().anyMatch(l -> l.kind() == LayerKind.ATTENTION);
        if (attention && what != What.HEADS && what != What.NONE) {
            throw new IllegalArgumentException(what.name().toLowerCase(Locale.ROOT)
                    + " gating does not apply to a GPT; gate its heads (or nothing)");
        }
        switch (what) {
            case HEADS -> g.gateHeads(model, headKind);
            case INPUTS -> g.gate(inputs);
            case NEURONS -> hidden.forEach(d -> g.gate(d.name(), GroupKind.NEURONS));
            case FILTERS -> g.gateFilters(model, convolutions(model));
            case BOTH -> {
                if (denseFirst) {
                    g.gate(inputs);
                    hidden.stream().skip(1).forEach(d -> g.gate(d.name(), GroupKind.NEURONS));
                } else {
                    g.gateFilters(model, convolutions(model));
                    hidden.forEach(d -> g.gate(d.name(), GroupKind.NEURONS));
                }
            }
            case NONE -> {}
        }
        GatingConfig config = g.build();
        config.validateAgainst(model);
        return config;
    }

    private GroupKind convolutions(ModelSpec model) {
        if (model.layers().stream().noneMatch(l -> l instanceof Conv2d)) {
            throw new IllegalArgumentException("filters gating gates conv filters, but the model has no convolution; "
                    + "gate the inputs or neurons of an MLP");
        }
        return filterKind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GatingPreset p
                && what == p.what
                && filterKind == p.filterKind
                && headKind == p.headKind
                && Arrays.equals(featureGroups, p.featureGroups);
    }

    @Override
    public int hashCode() {
        return Objects.hash(what, filterKind, headKind, Arrays.hashCode(featureGroups));
    }

    @Override
    public String toString() {
        return "GatingPreset[" + what + ", " + filterKind + ", " + headKind
                + (featureGroups.length > 0 ? ", grouped inputs" : "") + "]";
    }
}
