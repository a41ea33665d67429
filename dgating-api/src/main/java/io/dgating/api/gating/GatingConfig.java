package io.dgating.api.gating;

import io.dgating.api.ParamRef;
import io.dgating.api.model.LayerSpec;
import io.dgating.api.model.ModelSpec;
import io.dgating.api.model.MultiHeadAttention;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The D-Gating settings of a training run.
 *
 * @param depth D, the number of factors per group (omega plus D - 1 scalar gates), at least 2
 * @param lambda penalty strength; the factors get weight decay {@code lambda / D}
 * @param eps a group whose collapsed norm is below eps counts as zero
 * @param gates which layers are gated and how; empty means an ungated model
 */
public record GatingConfig(int depth, double lambda, double eps, List<GateSpec> gates) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * The paper's zero threshold for attention heads, 1e-5: the default when every gated layer's groups
     * are heads (Adam, the optimizer of the paper's GPT experiment, leaves shrinking groups hovering
     * well above float32 machine epsilon).
     */
    public static final double HEAD_EPS = 1e-5;

    /**
     * Default zero threshold: float32 machine epsilon (2^-23, about 1.19e-7), the paper's
     * choice for feature and filter sparsity.
     */
    public static final double DEFAULT_EPS = Math.ulp(1.0f);

    /** Threshold above which a group is not reported as "almost zero". */
    public static final double ALMOST_ZERO = 1e-3;

    /**
     * Validates the settings on their own.
     *
     * @param depth D, the number of factors per group (omega plus D - 1 scalar gates), at least 2
     * @param lambda penalty strength; the factors get weight decay {@code lambda / D}
     * @param eps a group whose collapsed norm is below eps counts as zero
     * @param gates which layers are gated and how; empty means an ungated model
     * @throws IllegalArgumentException naming the setting and why it is impossible
     */
    public GatingConfig {
        gates = List.copyOf(gates);
        if (depth < 2) {
            throw new IllegalArgumentException("depth D must be >= 2 (D = 2 is the group lasso), got " + depth);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number > 0, got " + eps);
        }
        Set<String> layers = new HashSet<>();
        for (GateSpec g : gates) {
            if (!layers.add(g.layer())) {
                // two gates on one weight would make the groups overlap, and the penalty identity
                // (and with it the equivalence to the group penalty) no longer holds
                throw new IllegalArgumentException(
                        "layer '" + g.layer() + "' is gated twice; a layer takes one gate spec");
            }
        }
    }

    /**
     * Returns a configuration without gates (an ordinary model).
     *
     * @return the configuration
     */
    public static GatingConfig none() {
        return new GatingConfig(2, 0.0, DEFAULT_EPS, List.of());
    }

    /**
     * Returns a builder (depth 3, lambda 0, eps {@link #DEFAULT_EPS}, or {@link #HEAD_EPS} when every gate
     * groups attention heads).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the gate spec of the named layer, or null.
     *
     * @param layer the layer name
     * @return its spec or null when ungated
     */
    public GateSpec gateOf(String layer) {
        for (GateSpec g : gates) {
            if (g.layer().equals(layer)) {
                return g;
            }
        }
        return null;
    }

    /** {@return the weight decay on every gated factor, {@code lambda / D}} */
    public double factorDecay() {
        return lambda / depth;
    }

    /**
     * Checks the gates against a model.
     *
     * @param model the model
     * @throws IllegalArgumentException if a gated layer is missing or of a kind its grouping does
     *     not fit, the output layer under neuron gating, its feature groups do not match its
     *     inputs, or two gated layers' groups share a parameter
     */
    public void validateAgainst(ModelSpec model) {
        List<LayerSpec> layers = model.layers();
        Map<ParamRef, String> owner = new HashMap<>();
        for (GateSpec g : gates) {
            int index = model.indexOf(g.layer());
            if (g.kind() == GroupKind.NEURONS && index == layers.size() - 1) {
                throw new IllegalArgumentException(
                        "layer '" + g.layer()
                                + "' is the output layer; removing its neurons would remove model outputs, so it cannot be neuron-gated");
            }
            for (ParamRef p : GroupRules.of(model, index, g).params()) {
                String before = owner.put(p, g.layer());
                if (before != null) {
                    // one entry under two gate products would break the penalty identity
                    throw new IllegalArgumentException("parameter " + p + " is in the groups of both '" + before
                            + "' and '" + g.layer() + "'; gate one of them");
                }
            }
        }
    }

    /**
     * Returns the groups of the named gated layer in the model.
     *
     * @param model the model
     * @param layer a gated layer
     * @return its groups, as slices of its parameters
     * @throws IllegalArgumentException if the layer is not gated
     */
    public GateGroups groupsOf(ModelSpec model, String layer) {
        GateSpec g = gateOf(layer);
        if (g == null) {
            throw new IllegalArgumentException("layer '" + layer + "' is not gated");
        }
        return GroupRules.of(model, model.indexOf(layer), g);
    }

    /** Builds a {@link GatingConfig}. */
    public static final class Builder {
        private int depth = 3;
        private double lambda;
        private Double eps;
        private final List<GateSpec> gates = new ArrayList<>();

        private Builder() {}

        /**
         * Sets D.
         *
         * @param depth factors per group
         * @return this builder
         */
        public Builder depth(int depth) {
            this.depth = depth;
            return this;
        }

        /**
         * Sets lambda.
         *
         * @param lambda penalty strength
         * @return this builder
         */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /**
         * Sets the zero threshold.
         *
         * @param eps threshold on a group's collapsed norm
         * @return this builder
         */
        public Builder eps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Gates the named dense layer.
         *
         * @param layer layer name
         * @param kind grouping
         * @return this builder
         */
        public Builder gate(String layer, GroupKind kind) {
            gates.add(GateSpec.of(layer, kind));
            return this;
        }

        /**
         * Gates every filter of a model: each convolution that owns its channels
         * ({@link ChannelCoupling#owners()}) gets filter groups, which cover the convolutions
         * coupled to it.
         *
         * @param model the model
         * @param kind {@link GroupKind#FILTERS} (zero-invariant) or {@link GroupKind#FILTER_WEIGHTS}
         * @return this builder
         * @throws IllegalArgumentException if {@code kind} is not a filter kind or the model has no gateable convolution
         */
        public Builder gateFilters(ModelSpec model, GroupKind kind) {
            if (!kind.isFilters()) {
                throw new IllegalArgumentException(kind + " is not a filter grouping");
            }
            List<String> owners = new ChannelCoupling(model).owners();
            if (owners.isEmpty()) {
                throw new IllegalArgumentException("the model has no convolution whose filters can be gated");
            }
            owners.forEach(o -> gates.add(GateSpec.of(o, kind)));
            return this;
        }

        /**
         * Gates the heads of every attention layer.
         *
         * @param model the model
         * @param kind {@link GroupKind#HEADS} (the paper's value rows) or {@link GroupKind#HEADS_WIDE}
         * @return this builder
         * @throws IllegalArgumentException if {@code kind} does not group heads or the model has no attention layer
         */
        public Builder gateHeads(ModelSpec model, GroupKind kind) {
            if (!kind.isHeads()) {
                throw new IllegalArgumentException(kind + " is not a head grouping");
            }
            List<String> layers = model.layers().stream()
                    .filter(l -> l instanceof MultiHeadAttention)
                    .map(l -> l.name())
                    .toList();
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("the model has no attention layer whose heads can be gated");
            }
            layers.forEach(o -> gates.add(GateSpec.of(o, kind)));
            return this;
        }

        /**
         * Adds a gate spec as given (e.g. with grouped input columns).
         *
         * @param spec the spec
         * @return this builder
         */
        public Builder gate(GateSpec spec) {
            gates.add(spec);
            return this;
        }

        /**
         * Returns the validated configuration.
         *
         * @return the configuration
         */
        public GatingConfig build() {
            double threshold = eps != null
                    ? eps
                    : !gates.isEmpty() && gates.stream().allMatch(g -> g.kind().isHeads()) ? HEAD_EPS : DEFAULT_EPS;
            return new GatingConfig(depth, lambda, threshold, gates);
        }
    }
}
