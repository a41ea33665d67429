package io.dgating.export.prune;

import io.dgating.api.Shape;
import io.dgating.api.gating.GroupKind;
import io.dgating.api.model.Activation;
import io.dgating.export.graph.ActivationNodes;
import io.dgating.export.onnx.OnnxGraph;
import io.dgating.export.onnx.ValueRef;

/**
 * What the compact model keeps of one dense layer, with weights already folded (constants of
 * removed inputs in the bias, standardisation in the first layer), and the nodes that compute it.
 *
 * @param name layer name
 * @param activation its activation
 * @param keptInputs original indices of the input channels the compact layer reads
 * @param keptUnits original indices of the units it computes
 * @param weight row-major {@code [keptUnits, keptInputs]}
 * @param bias {@code [keptUnits]}
 */
public record LayerPlan(
        String name, Activation activation, int[] keptInputs, int[] keptUnits, float[] weight, float[] bias) {

    /**
     * Copies the arrays.
     *
     * @param name layer name
     * @param activation its activation
     * @param keptInputs original indices of the input channels the compact layer reads
     * @param keptUnits original indices of the units it computes
     * @param weight row-major {@code [keptUnits, keptInputs]}
     * @param bias {@code [keptUnits]}
     */
    public LayerPlan {
        keptInputs = keptInputs.clone();
        keptUnits = keptUnits.clone();
        weight = weight.clone();
        bias = bias.clone();
    }

    /** {@return a copy of the kept input indices} */
    @Override
    public int[] keptInputs() {
        return keptInputs.clone();
    }

    /** {@return a copy of the kept unit indices} */
    @Override
    public int[] keptUnits() {
        return keptUnits.clone();
    }

    /** {@return a copy of the weight} */
    @Override
    public float[] weight() {
        return weight.clone();
    }

    /** {@return a copy of the bias} */
    @Override
    public float[] bias() {
        return bias.clone();
    }

    /**
     * Writes the compact layer's nodes: {@code Gemm} with the kept weights, then its activation.
     *
     * @param g the graph
     * @param x the layer's input value, {@code [N, keptInputs]}
     * @return its output value, {@code [N, keptUnits]}
     */
    public ValueRef write(OnnxGraph g, ValueRef x) {
        int units = keptUnits.length;
        ValueRef z = x.gemm(
                        g.initializer(name + ".weight", weight, units, keptInputs.length),
                        g.initializer(name + ".bias", bias, units))
                .shaped(OnnxGraph.BATCH, units);
        return ActivationNodes.apply(g, z, activation, Shape.of(units));
    }

    /** {@return the number of parameters kept} */
    public long parameters() {
        return (long) weight.length + bias.length;
    }

    /**
     * Per-layer line of the pruning report (dense layers and convolutions).
     *
     * @param layer layer name
     * @param kind gated grouping (a coupled convolution shows its owner's), or null when not gated
     * @param groups groups before pruning (0 when not gated, or gated through another layer's groups)
     * @param removedGroups groups whose norm is below eps
     * @param almostZero groups with {@code eps <= norm < 1e-3}
     * @param unitsBefore output units (filters) before
     * @param unitsAfter output units (filters) the compact model computes
     * @param inputsBefore input channels before
     * @param inputsAfter input channels the compact layer reads
     * @param macsBefore multiply-adds per example before
     * @param macsAfter multiply-adds per example after
     * @param coupledWith the other layers whose filters share this layer's groups (residual joins)
     */
    public record Report(
            String layer,
            GroupKind kind,
            int groups,
            int removedGroups,
            int almostZero,
            int unitsBefore,
            int unitsAfter,
            int inputsBefore,
            int inputsAfter,
            long macsBefore,
            long macsAfter,
            java.util.List<String> coupledWith) {

        /**
         * Copies the list.
         *
         * @param layer layer name
         * @param kind gated grouping (a coupled convolution shows its owner's), or null when not gated
         * @param groups groups before pruning (0 when not gated, or gated through another layer's groups)
         * @param removedGroups groups whose norm is below eps
         * @param almostZero groups with {@code eps <= norm < 1e-3}
         * @param unitsBefore output units (filters) before
         * @param unitsAfter output units (filters) the compact model computes
         * @param inputsBefore input channels before
         * @param inputsAfter input channels the compact layer reads
         * @param macsBefore multiply-adds per example before
         * @param macsAfter multiply-adds per example after
         * @param coupledWith the other layers whose filters share this layer's groups (residual joins)
         */
        public Report {
            coupledWith = java.util.List.copyOf(coupledWith);
        }
    }
}
